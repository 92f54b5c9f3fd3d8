package dev.drainboard.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The service package sits beside the CLI: it uses the core, never the console, and never reaches up into cli. */
class ServiceLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.drainboard");

    @Test
    void theServiceNeverUsesJavaFxOrTheConsole() {
        noClasses().that().resideInAPackage("dev.drainboard.service..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.drainboard.ui..",
                        "dev.drainboard.cli..", "dev.drainboard.bench..")
                .check(CLASSES);
    }

    @Test
    void onlyTheCliAndTheServiceUseTheServicePackage() {
        noClasses().that().resideOutsideOfPackages("dev.drainboard.cli..", "dev.drainboard.service..")
                .should().dependOnClassesThat().resideInAPackage("dev.drainboard.service..")
                .check(CLASSES);
    }
}
