package dev.belay.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The audit package imports nothing else of ours, and no JavaFX. */
class AuditArchitectureTest {

    @Test
    void auditDependsOnNoOtherBelayPackage() throws Exception {
        // Import the compiled package directory only: scanning the whole class path takes many seconds.
        Path dir = Path.of(AuditStore.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/belay/audit");
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false); // names suffice for this rule
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(dir);
        noClasses().that().resideInAPackage("dev.belay.audit..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.belay.runbook..", "dev.belay.inventory..", "dev.belay.ssh..", "dev.belay.engine..",
                        "dev.belay.lab..", "dev.belay.ui..", "dev.belay.cli..", "javafx..")
                .check(classes);
        config.setResolveMissingDependenciesFromClassPath(resolve);
    }
}
