package dev.belay;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodReference;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering of docs/architecture.md as tests, so a wrong import fails the build instead of rotting. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.belay");
    }

    @Test
    void javafxOnlyInUi() {
        noClasses().that().resideOutsideOfPackage("dev.belay.ui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void runbookImportsNothingOfOurs() {
        onlyOwnPackages("dev.belay.runbook..");
    }

    @Test
    void inventoryImportsOnlyRunbook() {
        onlyOwnPackages("dev.belay.inventory..", "dev.belay.runbook..");
    }

    @Test
    void sshImportsNothingOfOurs() {
        onlyOwnPackages("dev.belay.ssh..");
    }

    @Test
    void auditImportsOnlyText() {
        onlyOwnPackages("dev.belay.audit..", "dev.belay.text..");
    }

    /** The lowest package: how Belay writes durations, used by every layer above. */
    @Test
    void textImportsNothingOfOurs() {
        onlyOwnPackages("dev.belay.text..");
    }

    @Test
    void labImportsOnlySsh() {
        onlyOwnPackages("dev.belay.lab..", "dev.belay.ssh..");
    }

    @Test
    void engineStaysBelowUiAndCli() {
        onlyOwnPackages("dev.belay.engine..", "dev.belay.runbook..", "dev.belay.inventory..",
                "dev.belay.ssh..", "dev.belay.audit..", "dev.belay.text..");
    }

    /** The application core sits between the front ends and the rest: only ui and cli use it. */
    @Test
    void onlyTheFrontEndsUseTheAppCore() {
        noClasses().that().resideOutsideOfPackages("dev.belay.app..", "dev.belay.ui..", "dev.belay.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.belay.app..")
                .check(classes);
    }

    @Test
    void cliAndUiStartRunsThroughTheAppCore() {
        noClasses().that().resideInAnyPackage("dev.belay.ui..", "dev.belay.cli..")
                .should().callConstructor(dev.belay.engine.RunEngine.class, dev.belay.engine.Transport.class,
                        dev.belay.engine.RunStore.class)
                .orShould().callConstructor(dev.belay.engine.SshTransport.class, dev.belay.ssh.exec.SshSettings.class,
                        dev.belay.inventory.Inventory.class)
                .because("a run gets one SSH pool shared with its terminals from dev.belay.app.Runs")
                .check(classes);
    }

    /** The front ends adapt; planning and the unattended rule live in the application core. */
    @Test
    void cliAndUiResolvePlansThroughTheAppCore() {
        noClasses().that().resideInAnyPackage("dev.belay.ui..", "dev.belay.cli..")
                .should().dependOnClassesThat().belongToAnyOf(dev.belay.engine.PlanFiles.class,
                        dev.belay.engine.PlanResolver.class, dev.belay.engine.UnattendedPolicy.class)
                .because("dev.belay.app.Runs resolves a run's plan for both front ends")
                .check(classes);
    }

    @Test
    void nothingBelowUiImportsUiOrCli() {
        noClasses().that().resideOutsideOfPackages("dev.belay.ui..", "dev.belay.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.belay.ui..", "dev.belay.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * docs/architecture.md: exactly one place hops work onto the FX thread, the ui.fx adapter.
     * The second clause catches {@code Platform::runLater} handed out as an Executor, which is a
     * method reference, not a call.
     */
    @Test
    void onlyUiFxHopsOntoTheFxThread() {
        noClasses().that().resideOutsideOfPackage("dev.belay.ui.fx..")
                .should().callMethod(Platform.class, "runLater", Runnable.class)
                .orShould().accessTargetWhere(DescribedPredicate.describe("a reference to Platform::runLater",
                        access -> access instanceof JavaMethodReference
                                && access.getTargetOwner().isEquivalentTo(Platform.class)
                                && access.getName().equals("runLater")))
                .check(classes);
    }

    /** The desktop's background work goes through ui.fx.Background: one thread factory, errors logged. */
    @Test
    void desktopThreadsComeFromUiFxBackground() {
        noClasses().that().resideInAPackage("dev.belay.ui..").and().resideOutsideOfPackage("dev.belay.ui.fx..")
                .should().callMethodWhere(DescribedPredicate.describe("a call to java.util.concurrent.Executors",
                        call -> call.getTargetOwner().isEquivalentTo(java.util.concurrent.Executors.class)))
                .orShould().callConstructorWhere(DescribedPredicate.describe("a new Thread or thread pool",
                        call -> call.getTargetOwner().isAssignableTo(Thread.class)
                                || call.getTargetOwner().isAssignableTo(java.util.concurrent.ExecutorService.class)))
                .because("docs/architecture.md: ui.fx.Background is the desktop's one background-task abstraction")
                .check(classes);
    }

    /** Classes in {@code pkg} may depend on their own package and the ones listed, and on no other dev.belay package. */
    private static void onlyOwnPackages(String pkg, String... allowed) {
        String[] permitted = new String[allowed.length + 1];
        permitted[0] = pkg;
        System.arraycopy(allowed, 0, permitted, 1, allowed.length);
        noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("dev.belay..")
                                .and(com.tngtech.archunit.base.DescribedPredicate.not(
                                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(permitted))))
                .allowEmptyShould(true)
                .check(classes);
    }
}
