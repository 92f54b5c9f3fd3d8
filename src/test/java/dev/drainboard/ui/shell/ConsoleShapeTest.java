package dev.drainboard.ui.shell;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.drainboard.ui.common.ActivityLog;
import dev.drainboard.ui.common.Session;
import dev.drainboard.ui.preview.PreviewRejection;
import dev.drainboard.ui.queue.ServerStatus;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.drainboard.ui.common.FxTasks;
import org.junit.jupiter.api.Test;

/** The console's shape: view models never touch nodes, and only the adapter touches threads. */
class ConsoleShapeTest {
    private static final JavaClasses UI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.drainboard.ui");

    @Test
    void viewModelsDoNotImportJavafxScene() {
        noClasses().that().haveSimpleNameEndingWith("Model").or().haveSimpleName("Session")
                .or().haveSimpleNameEndingWith("Row").or().haveSimpleName("PreviewRejection")
                .or().haveSimpleName("ActivityLog").or().haveSimpleName("ServerStatus")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .check(UI);
    }

    @Test
    void onlyTheAdapterRunsTasksServicesAndExecutors() {
        noClasses().that().doNotBelongToAnyOf(FxTasks.class)
                .should().dependOnClassesThat().resideInAPackage("javafx.concurrent..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ExecutorService")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .check(UI);
    }

    @Test
    void onlyTheAdapterStartsThreads() {
        noClasses().that().doNotBelongToAnyOf(FxTasks.class)
                .should().callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.assignableTo(Thread.class))))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ScheduledExecutorService")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ForkJoinPool")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Timer")
                .check(UI);
    }
}
