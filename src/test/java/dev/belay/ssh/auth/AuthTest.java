package dev.belay.ssh.auth;

import dev.belay.ssh.MinaServer;
import dev.belay.ssh.TestKeys;
import dev.belay.ssh.TestSettings;
import dev.belay.ssh.exec.OutputListener;
import dev.belay.ssh.exec.SshConnection;
import dev.belay.ssh.exec.SshConnector;
import dev.belay.ssh.exec.SshSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(60)
class AuthTest {
    private static final String PASSPHRASE = "rope and anchor";

    @TempDir
    static Path dir;
    static MinaServer server;
    static Path encrypted;
    static Path stranger;

    @BeforeAll
    static void start() throws Exception {
        List<Path> pubs = new java.util.ArrayList<>();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            pubs.add(TestKeys.pub(TestKeys.generate(dir, "id_" + type, type, "")));
        }
        encrypted = TestKeys.generate(dir, "id_encrypted", "ed25519", PASSPHRASE);
        pubs.add(TestKeys.pub(encrypted));
        stranger = TestKeys.generate(dir, "id_stranger", "ed25519", "");
        server = MinaServer.start(dir.resolve("host.ser"), pubs, false);
        Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String whoami(SshSettings settings, SshTarget target) throws Exception {
        try (SshConnection c = new SshConnector(settings).connect(target)) {
            return c.exec("echo logged-in", Duration.ofSeconds(10), OutputListener.NONE).stdout().text();
        }
    }

    private static SshSettings withPassphrase(String passphrase, AtomicInteger asked) {
        SshSettings s = TestSettings.of(dir);
        return new SshSettings(s.userKnownHosts(), s.belayKnownHosts(), s.sshConfig(), List.of(), null,
                keyFile -> {
                    asked.incrementAndGet();
                    return passphrase == null ? null : passphrase.toCharArray();
                }, null, Duration.ofSeconds(10), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void logsInWithAnOpenSshPrivateKey(String type) throws Exception {
        assertThat(whoami(TestSettings.of(dir), server.target(type, dir.resolve("id_" + type))))
                .isEqualTo("logged-in\n");
    }

    @Test
    void asksForThePassphraseOfAnEncryptedKey() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        assertThat(whoami(withPassphrase(PASSPHRASE, asked), server.target("enc", encrypted)))
                .isEqualTo("logged-in\n");
        assertThat(asked.get()).isEqualTo(1);
    }

    @Test
    void wrongPassphraseSaysSoAndNamesTheKey() {
        assertThatThrownBy(() -> whoami(withPassphrase("not it", new AtomicInteger()), server.target("enc", encrypted)))
                .isInstanceOf(AuthFailed.class)
                .hasMessageContaining("Wrong passphrase")
                .hasMessageContaining(encrypted.toString())
                .hasMessageNotContaining("not it");
    }

    @Test
    void logsInWithAPasswordFromTheCallback() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        SshTarget target = new SshTarget("pw", "127.0.0.1", server.port(), MinaServer.USER, null, List.of(),
                (user, host) -> {
                    asked.incrementAndGet();
                    return MinaServer.PASSWORD.toCharArray();
                });
        assertThat(whoami(TestSettings.of(dir), target)).isEqualTo("logged-in\n");
        assertThat(asked.get()).isEqualTo(1);
    }

    @Test
    void triesThePasswordAfterAKeyTheHostRefuses() throws Exception {
        SshTarget target = server.target("fallback", stranger).withPassword((u, h) -> MinaServer.PASSWORD.toCharArray());
        assertThat(whoami(TestSettings.of(dir), target)).isEqualTo("logged-in\n");
    }

    @Test
    void refusedLoginNamesTheHostAndWhatWasTried() {
        SshTarget target = server.target("nope", stranger).withPassword((u, h) -> "wrong".toCharArray());
        assertThatThrownBy(() -> whoami(TestSettings.of(dir), target))
                .isInstanceOf(AuthFailed.class)
                .hasMessageContaining(MinaServer.USER + "@127.0.0.1:" + server.port())
                .hasMessageContaining("password")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void sshConfigSuppliesHostNamePortUserAndIdentity() throws Exception {
        Files.writeString(dir.resolve("ssh_config"), String.join("\n",
                "Host web-?? !web-99",
                "  HostName 127.0.0.1",
                "  Port " + server.port(),
                "Host web-*",
                "  User " + MinaServer.USER,
                "  Port 1",
                "  IdentityFile " + dir.resolve("id_rsa"),
                ""));
        try {
            assertThat(whoami(TestSettings.of(dir), SshTarget.of("web-01"))).isEqualTo("logged-in\n");
        } finally {
            Files.delete(dir.resolve("ssh_config"));
        }
    }
}
