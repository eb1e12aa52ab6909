package dev.belay.ssh.trust;

import dev.belay.ssh.MinaServer;
import dev.belay.ssh.SshException;
import dev.belay.ssh.TestKeys;
import dev.belay.ssh.TestSettings;
import dev.belay.ssh.exec.OutputListener;
import dev.belay.ssh.exec.SshConnection;
import dev.belay.ssh.exec.SshConnector;
import dev.belay.ssh.exec.SshSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HostKeyTrustTest {
    @TempDir
    static Path shared;
    static MinaServer server;
    static Path key;
    static String otherKeyLine;

    @TempDir
    Path dir;
    final List<HostKeyDecision> decisions = new CopyOnWriteArrayList<>();
    final AtomicInteger prompts = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        key = TestKeys.generate(shared, "id", "ed25519", "");
        server = MinaServer.start(shared.resolve("host.ser"), List.of(TestKeys.pub(key)), false);
        // A second key of the same type, as if the host had been reinstalled.
        try (MinaServer other = MinaServer.start(shared.resolve("other.ser"), List.of(), false)) {
            otherKeyLine = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(other.hostKey());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @BeforeEach
    void clean() {
        decisions.clear();
    }

    private SshConnection connect(HostKeyPrompt.Answer answer) throws SshException {
        SshSettings settings = TestSettings.of(dir).withHostKeyListener(decisions::add);
        settings = new SshSettings(settings.userKnownHosts(), settings.belayKnownHosts(), settings.sshConfig(),
                List.of(), unknown -> {
                    prompts.incrementAndGet();
                    assertThat(unknown.fingerprint()).isEqualTo(Fingerprints.sha256(server.hostKey()));
                    return answer;
                }, null, decisions::add, Duration.ofSeconds(10), 0);
        return new SshConnector(settings).connect(server.target("h", key));
    }

    private String hostPattern() {
        return "[127.0.0.1]:" + server.port();
    }

    @Test
    void fingerprintIsFormattedExactlyAsOpenSshPrintsIt() throws Exception {
        Path pub = shared.resolve("host.pub");
        Files.writeString(pub, server.knownHostsLine().split(" ", 2)[1] + "\n");
        String keygen = TestKeys.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()));
        assertThat(keygen.split(" ")[1]).isEqualTo(Fingerprints.sha256(server.hostKey()));
        assertThat(Fingerprints.sha256(server.hostKey())).startsWith("SHA256:").doesNotEndWith("=");
    }

    @Test
    void unknownKeyRejectedByTheUserIsNotConnectedNorRemembered() {
        assertThatThrownBy(() -> connect(HostKeyPrompt.Answer.REJECT))
                .isInstanceOf(HostKeyRefused.class)
                .hasMessageContaining(hostPattern())
                .hasMessageContaining(Fingerprints.sha256(server.hostKey()));
        assertThat(prompts.get()).isEqualTo(1);
        assertThat(decisions).singleElement().isInstanceOf(HostKeyDecision.Rejected.class);
        assertThat(dir.resolve("belay_known_hosts")).doesNotExist();
    }

    @Test
    void acceptOnceConnectsWithoutWritingAndAsksAgainNextTime() throws Exception {
        try (SshConnection c = connect(HostKeyPrompt.Answer.ACCEPT_ONCE)) {
            assertThat(c.exec("echo hi", Duration.ofSeconds(10), OutputListener.NONE).stdout().text()).isEqualTo("hi\n");
        }
        connect(HostKeyPrompt.Answer.ACCEPT_ONCE).close();
        assertThat(prompts.get()).isEqualTo(2);
        assertThat(dir.resolve("belay_known_hosts")).doesNotExist();
        assertThat(decisions).allMatch(d -> d instanceof HostKeyDecision.AcceptedOnce);
    }

    @Test
    void acceptAndRememberAppendsToBelaysFileAndIsTrustedAfterwards() throws Exception {
        connect(HostKeyPrompt.Answer.ACCEPT_AND_REMEMBER).close();
        connect(HostKeyPrompt.Answer.REJECT).close();

        assertThat(prompts.get()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("belay_known_hosts")))
                .startsWith(hostPattern() + " ").contains(server.hostKeyBase64());
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(0)).isInstanceOf(HostKeyDecision.Remembered.class);
        assertThat(decisions.get(1)).isEqualTo(new HostKeyDecision.Known(hostPattern(),
                decisions.get(0).keyType(), decisions.get(0).fingerprint(), dir.resolve("belay_known_hosts")));
    }

    @Test
    void keyInTheUsersOpenSshFileIsTrustedWithoutAsking() throws Exception {
        Files.writeString(dir.resolve("known_hosts"), "# mine\n" + server.knownHostsLine() + "\n");
        connect(HostKeyPrompt.Answer.REJECT).close();
        assertThat(prompts.get()).isZero();
        assertThat(decisions).singleElement().isInstanceOf(HostKeyDecision.Known.class);
    }

    @Test
    void hashedEntryIsTrusted() throws Exception {
        Files.writeString(dir.resolve("known_hosts"), hashed(hostPattern()) + " "
                + server.knownHostsLine().split(" ", 2)[1] + "\n");
        connect(HostKeyPrompt.Answer.REJECT).close();
        assertThat(prompts.get()).isZero();
    }

    @Test
    void changedKeyIsRefusedNamingHostBothFingerprintsFileAndLine() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, "# line 1\nother.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBc0S8tE0G6Z8m8x6Qm7r1L2o2yXH0fXj5Jb6p7lqXWq\n"
                + hostPattern() + " " + otherKeyLine + "\n");
        String oldFingerprint = Fingerprints.sha256(Base64.getDecoder().decode(otherKeyLine.split(" ")[1]));

        assertThatThrownBy(() -> connect(HostKeyPrompt.Answer.ACCEPT_AND_REMEMBER))
                .isInstanceOf(HostKeyRefused.class)
                .hasMessageContaining("HOST KEY CHANGED for " + hostPattern())
                .hasMessageContaining(oldFingerprint)
                .hasMessageContaining(Fingerprints.sha256(server.hostKey()))
                .hasMessageContaining("line 3 of " + file);
        assertThat(prompts.get()).as("a changed key is never offered for acceptance").isZero();
        assertThat(decisions).singleElement().isInstanceOf(HostKeyDecision.Changed.class);
    }

    @Test
    void manyConnectionsAtOnceMatchOneSharedParseOfHashedEntries() throws Exception {
        // sshj's hashed-host matcher shares one Mac per entry: the shared parse must not let them race.
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            file.append(hashed("[10.0.0." + i + "]:22")).append(' ').append(otherKeyLine).append('\n');
        }
        file.append(hashed(hostPattern())).append(' ').append(server.knownHostsLine().split(" ", 2)[1]).append('\n');
        Files.writeString(dir.resolve("known_hosts"), file);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> logins = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                logins.add(pool.submit(() -> {
                    connect(HostKeyPrompt.Answer.REJECT).close();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> login : logins) {
                login.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(prompts.get()).isZero();
        assertThat(decisions).hasSize(16).allMatch(d -> d instanceof HostKeyDecision.Known);
    }

    @Test
    void anEditOfTheUsersFileIsSeenByTheNextConnection() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, hostPattern() + " " + otherKeyLine + "\n");
        assertThatThrownBy(() -> connect(HostKeyPrompt.Answer.REJECT)).isInstanceOf(HostKeyRefused.class);
        // Rewritten within the same second as the first read.
        Files.writeString(file, server.knownHostsLine() + "\n");
        connect(HostKeyPrompt.Answer.REJECT).close();
        assertThat(prompts.get()).isZero();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(1)).isInstanceOf(HostKeyDecision.Known.class);
    }

    /** OpenSSH's HashKnownHosts form: |1|base64(salt)|base64(HMAC-SHA1(salt, host)). */
    private static String hashed(String host) throws Exception {
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(host.getBytes(StandardCharsets.UTF_8));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(hash);
    }
}
