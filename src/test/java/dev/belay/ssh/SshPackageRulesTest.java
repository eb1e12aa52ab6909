package dev.belay.ssh;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.belay.ssh.auth.SshTarget;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The ssh package stands alone (other Belay packages map onto it, never the reverse), and inside it
 * the layers point one way: {@code exec} builds on {@code auth} and {@code trust}, which know
 * nothing of each other or of {@code exec}; the root holds only what all three share.
 */
class SshPackageRulesTest {
    @Test
    void sshImportsNothingElseFromBelay() throws Exception {
        withSshClasses(classes -> noClasses().that().resideInAPackage("dev.belay.ssh..")
                .should().dependOnClassesThat(resideInAPackage("dev.belay..")
                        .and(resideOutsideOfPackage("dev.belay.ssh..")))
                .because("dev.belay.ssh may import nothing of ours (docs/architecture.md)")
                .check(classes));
    }

    @Test
    void layersPointDownward() throws Exception {
        withSshClasses(classes -> {
            noClasses().that().resideInAPackage("dev.belay.ssh.trust..")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.belay.ssh.auth..", "dev.belay.ssh.exec..")
                    .because("trust decides about host keys only").check(classes);
            noClasses().that().resideInAPackage("dev.belay.ssh.auth..")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.belay.ssh.trust..", "dev.belay.ssh.exec..")
                    .because("auth logs in; connecting is exec's").check(classes);
            noClasses().that().resideInAPackage("dev.belay.ssh")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.belay.ssh.trust..",
                            "dev.belay.ssh.auth..", "dev.belay.ssh.exec..")
                    .because("the root holds what every layer shares").check(classes);
        });
    }

    private static void withSshClasses(Consumer<JavaClasses> rules) throws Exception {
        Path classes = Path.of(SshTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/belay/ssh");
        ArchConfiguration config = ArchConfiguration.get();
        boolean resolve = config.resolveMissingDependenciesFromClassPath();
        config.setResolveMissingDependenciesFromClassPath(false); // only our own classes matter; keeps it fast
        try {
            rules.accept(new ClassFileImporter().importPath(classes));
        } finally {
            config.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }
}
