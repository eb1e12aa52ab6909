package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.ssh.auth.DecryptedKeys;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.auth.RunPassphrases;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.trust.HostKeyPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's fan-out: a run on 20 practice-lab hosts (real SSH on loopback, the lab's embedded MINA
 * servers) logging in with one passphrase-protected key (the lab's key re-encrypted by the real
 * {@code ssh-keygen -p}: bcrypt KDF) decrypts it once for the run, not once per host. Decryptions are
 * counted where sshj asks for the passphrase: exactly once per decryption of an encrypted key.
 */
class KeyDecryptedOncePerRunTest {

    private static final String PASSPHRASE = "correct horse battery";
    private static final int HOSTS = 20;
    private static final Duration T = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    static LabHarness harness;
    static Inventory inv;
    static Path encryptedKey;

    @BeforeAll
    static void startLab() throws Exception {
        harness = LabHarness.start(dir, HOSTS);
        Inventory web = harness.webInventory();
        encryptedKey = dir.resolve("id_encrypted");
        Files.copy(Path.of(web.hosts().values().iterator().next().identity()), encryptedKey);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", PASSPHRASE, "-f", encryptedKey.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        assertThat(Files.readString(encryptedKey)).as("ssh-keygen wrote an encrypted OpenSSH key")
                .contains("BEGIN OPENSSH PRIVATE KEY");
        Map<String, Host> hosts = new LinkedHashMap<>();
        web.hosts().forEach((name, h) -> hosts.put(name, new Host(name, h.address(), h.user(), h.port(),
                encryptedKey.toString(), null, h.vars())));
        inv = new Inventory("test", hosts, web.roles(), Map.of());
    }

    @AfterAll
    static void stopLab() throws Exception {
        harness.close();
    }

    /** Counts sshj's passphrase requests (one per decryption) and hands every call on to {@code run}. */
    private static PassphrasePrompt counting(PassphrasePrompt run, AtomicInteger decryptions) {
        return new PassphrasePrompt() {
            @Override
            public char[] passphrase(Path keyFile) {
                decryptions.incrementAndGet();
                return run.passphrase(keyFile);
            }

            @Override
            public void rejected(Path keyFile) {
                run.rejected(keyFile);
            }

            @Override
            public DecryptedKeys decrypted() {
                return run.decrypted();
            }
        };
    }

    private RunState aStepOnEveryHost(PassphrasePrompt passphrases, String name) throws Exception {
        SshSettings settings = SshSettings.defaults(HostKeyPrompt.REJECT_ALL, passphrases)
                .withKnownHosts(harness.lab.knownHostsPath(), dir.resolve(name + "_known_hosts"));
        Rb rb = new Rb(name);
        rb.steps.add(run("two", "web", "echo $((6*7))", new dev.belay.runbook.Expectation.Contains("42")));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), inv, Map.of());
        try (AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve(name + "-audit")));
             SshTransport transport = new SshTransport(settings, inv)) {
            RunController run = new RunEngine(transport, new AuditEventSink(audit)).start(plan, RunOptions.live("ci"));
            try {
                return run.await(s -> s.status().ended(), T);
            } finally {
                run.close();
            }
        }
    }

    @Test
    void aTwentyHostRunDecryptsItsKeyOnceAndForgetsItAtTheEnd() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger decryptions = new AtomicInteger();
        try (RunPassphrases passphrases = new RunPassphrases(keyFile -> {
            asked.incrementAndGet();
            return PASSPHRASE.toCharArray();
        })) {
            RunState s = aStepOnEveryHost(counting(passphrases, decryptions), "once");
            assertThat(s.status()).as("%s", s.steps()).isEqualTo(RunStatus.COMPLETED);
            assertThat(s.step("two").orElseThrow().hosts()).hasSize(HOSTS)
                    .allMatch(h -> h.status() == HostStatus.PASSED);
            assertThat(asked).as("the user is asked once").hasValue(1);
            assertThat(decryptions).as("the key is decrypted once for %d hosts", HOSTS).hasValue(1);
            assertThat(passphrases.decrypted().size()).as("the run holds the decrypted key").isEqualTo(1);
            passphrases.close();
            assertThat(passphrases.decrypted().size()).as("and drops it when the run ends").isZero();
        }
    }

    @Test
    void aPromptThatKeepsNoKeysDecryptsOnEveryLogin() throws Exception {
        // The counter itself: without a run's memory every host's login decrypts the key again.
        AtomicInteger decryptions = new AtomicInteger();
        RunState s = aStepOnEveryHost(counting(keyFile -> PASSPHRASE.toCharArray(), decryptions), "each");
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(decryptions).hasValue(HOSTS);
    }
}
