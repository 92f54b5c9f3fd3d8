package dev.drainboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ARCHITECTURE.md: one plain-Java core, two faces (console and CLI). */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.drainboard");
    }

    @Test
    void theCoreNeverUsesJavaFx() {
        noClasses().that().resideInAnyPackage("dev.drainboard.pipeline..", "dev.drainboard.source..",
                        "dev.drainboard.transform..", "dev.drainboard.sink..", "dev.drainboard.model..",
                        "dev.drainboard.config..", "dev.drainboard.embedded..", "dev.drainboard.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void onlyTheCliPrintsToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("dev.drainboard.cli..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }

    @Test
    void theCoreDoesNotReachUpIntoItsFaces() {
        noClasses().that().resideInAnyPackage("dev.drainboard.pipeline..", "dev.drainboard.source..",
                        "dev.drainboard.transform..", "dev.drainboard.sink..", "dev.drainboard.model..",
                        "dev.drainboard.config..", "dev.drainboard.embedded..", "dev.drainboard.app..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.drainboard.cli..", "dev.drainboard.ui..")
                .check(classes);
    }

    @Test
    void parsingAndMaskingStayPure() {
        noClasses().that().resideInAnyPackage("dev.drainboard.transform..", "dev.drainboard.model..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "java.sql..",
                        "dev.drainboard.source..", "dev.drainboard.sink..")
                .check(classes);
    }
}
