package dev.belay.ssh;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ssh package stands alone: other Belay packages map onto it, never the reverse. */
class SshPackageRulesTest {
    @Test
    void sshImportsNothingElseFromBelay() throws Exception {
        Path classes = Path.of(SshTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/belay/ssh");
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false); // only our own classes matter; keeps it fast
        try {
            noClasses().that().resideInAPackage("dev.belay.ssh..")
                    .should().dependOnClassesThat(resideInAPackage("dev.belay..")
                            .and(resideOutsideOfPackage("dev.belay.ssh..")))
                    .because("dev.belay.ssh may import nothing of ours (docs/architecture.md)")
                    .check(new ClassFileImporter().importPath(classes));
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }
}
