package dev.drainboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md and docs/architecture.md: one plain-Java core, two faces
 * (console and CLI) that reach it only through the {@code app} facade, no package cycles.
 */
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

    /** The layers below the facade, which neither face may reach around it. */
    private static final String[] BELOW_THE_FACADE = {"dev.drainboard.source..", "dev.drainboard.sink..",
            "dev.drainboard.embedded..", "dev.drainboard.transform.."};

    @Test
    void theConsoleUsesOnlyTheFacadeAndValueTypes() {
        noClasses().that().resideInAPackage("dev.drainboard.ui..")
                .should().dependOnClassesThat().resideInAnyPackage(BELOW_THE_FACADE)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.drainboard.bench..", "dev.drainboard.cli..")
                .orShould().dependOnClassesThat().resideInAnyPackage("com.zaxxer..", "software.amazon..", "java.sql..")
                .because("the console reaches the core only through app.Operations (see docs/architecture.md)")
                .check(classes);
    }

    @Test
    void theCliUsesOnlyTheFacadeTheBenchAndValueTypes() {
        noClasses().that().resideInAPackage("dev.drainboard.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(BELOW_THE_FACADE)
                .orShould().dependOnClassesThat().resideInAnyPackage("com.zaxxer..", "software.amazon..", "java.sql..")
                .because("the CLI reaches the core only through app (Workspace, Operations) and the bench")
                .check(classes);
    }

    @Test
    void theCliStartsTheConsoleOnlyThroughItsLauncher() {
        noClasses().that().resideInAPackage("dev.drainboard.cli..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are console classes other than ConsoleLauncher",
                        c -> c.getPackageName().startsWith("dev.drainboard.ui")
                                && !c.getName().equals("dev.drainboard.ui.shell.ConsoleLauncher")))
                .check(classes);
    }

    @Test
    void neitherFaceDrivesThePipelineEnginesDirectly() {
        noClasses().that().resideInAnyPackage("dev.drainboard.ui..", "dev.drainboard.cli..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.drainboard.pipeline.Drainer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.drainboard.pipeline.Revealer")
                .because("pipeline's value types (options, listener, stop signal, reveal results) are fine; "
                        + "the engines are the facade's")
                .check(classes);
    }

    @Test
    void onlyTheCliUsesTheBench() {
        noClasses().that().resideOutsideOfPackages("dev.drainboard.cli..", "dev.drainboard.bench..")
                .should().dependOnClassesThat().resideInAPackage("dev.drainboard.bench..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.drainboard.(**)").should().beFreeOfCycles().check(classes);
    }
}
