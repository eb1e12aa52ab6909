package dev.belay.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.belay.ssh.auth.AuthFailed;
import dev.belay.ssh.auth.KeyFiles;
import dev.belay.ssh.auth.SshTarget;
import dev.belay.ssh.exec.ExecResult;
import dev.belay.ssh.exec.OutputListener;
import dev.belay.ssh.exec.SshConnection;
import dev.belay.ssh.exec.SshConnector;
import dev.belay.ssh.trust.Fingerprints;
import dev.belay.ssh.auth.agent.AgentClient;
import dev.belay.ssh.auth.agent.AgentIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logging in through Debian's real ssh-agent (keys added with the real ssh-add) to a real OpenSSH
 * server that refuses SHA-1 RSA signatures, so an RSA login proves the agent signed with SHA-2.
 */
@Timeout(120)
class AgentAuthTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static OpenSshServer server;
    static RealAgent agent;
    static Map<String, Path> keys;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(OpenSshServer.available() && RealAgent.available(), "sshd, ssh-agent or ssh-add is missing");
        Path serverDir = Files.createDirectories(dir.resolve("server"));
        server = OpenSshServer.start(serverDir, List.of("PubkeyAcceptedAlgorithms -ssh-rsa", "LogLevel DEBUG1"));
        agent = RealAgent.start(Files.createDirectories(dir.resolve("agent")));
        Path keyDir = Files.createDirectories(dir.resolve("keys"));
        keys = Map.of("ed25519", TestKeys.generate(keyDir, "agent_ed25519", "ed25519", ""),
                "ecdsa", TestKeys.generate(keyDir, "agent_ecdsa", "ecdsa", ""),
                "rsa", TestKeys.generate(keyDir, "agent_rsa", "rsa", ""));
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            agent.add(keys.get(type));
        }
        useAgent(agent.socket().toString());
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void useAgent(String identityAgent) throws Exception {
        Files.writeString(server.dir().resolve("ssh_config"), "Host *\n  IdentityAgent " + identityAgent + "\n");
    }

    private static void authorize(Path... keyFiles) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (Path k : keyFiles) {
            lines.append(Files.readString(TestKeys.pub(k)));
        }
        Files.writeString(server.dir().resolve("authorized_keys"), lines.toString());
    }

    private static Path clientKey() {
        return server.target().identityFile();
    }

    private static String fingerprint(Path key) {
        return Fingerprints.sha256(KeyFiles.publicBlob(key));
    }

    private static ExecResult login(SshTarget target) throws Exception {
        try (SshConnection c = new SshConnector(server.settings()).connect(target)) {
            return c.exec("echo logged-in", LONG, OutputListener.NONE);
        }
    }

    @Test
    void listsTheKeysSshAddShows() throws Exception {
        List<AgentIdentity> listed = new AgentClient(agent.socket()).identities();
        String sshAdd = agent.tool("ssh-add", "-l");
        assertThat(listed).hasSize(3);
        for (AgentIdentity id : listed) {
            assertThat(sshAdd).contains(id.fingerprint());
        }
        assertThat(listed).extracting(AgentIdentity::keyType)
                .containsExactly("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void logsInWithEachKeyTypeTheAgentHolds(String type) throws Exception {
        authorize(keys.get(type));
        int logBefore = server.log().length();
        ExecResult r = login(server.target().withIdentity(null));
        assertThat(r.stdout().text()).isEqualTo("logged-in\n");
        String log = server.log().substring(logBefore);
        assertThat(log).contains("Accepted publickey").contains(fingerprint(keys.get(type)));
        if (type.equals("rsa")) {
            // The server refuses ssh-rsa (SHA-1) outright; the signature it accepted was SHA-2.
            assertThat(log).contains("pkalg rsa-sha2-512").doesNotContain("pkalg ssh-rsa ");
        }
    }

    @Test
    void agentKeysComeBeforeIdentityFiles() throws Exception {
        authorize(keys.get("ecdsa"), clientKey());
        int logBefore = server.log().length();
        login(server.target());
        String accepted = server.log().substring(logBefore).lines()
                .filter(l -> l.contains("Accepted publickey")).findFirst().orElseThrow();
        assertThat(accepted).contains(fingerprint(keys.get("ecdsa")));
    }

    @Test
    void anUnreachableAgentFallsBackToTheIdentityFile() throws Exception {
        authorize(clientKey());
        useAgent(dir.resolve("no-such-agent.sock").toString());
        try {
            assertThat(login(server.target()).succeeded()).isTrue();
            useAgent("none");
            assertThat(login(server.target()).succeeded()).isTrue();
        } finally {
            useAgent(agent.socket().toString());
        }
    }

    @Test
    void theErrorNamesEveryMethodTriedAndWhyItFailed() throws Exception {
        authorize(TestKeys.generate(Files.createTempDirectory(dir, "other"), "stranger", "ed25519", ""));
        assertThatThrownBy(() -> login(server.target()))
                .isInstanceOf(AuthFailed.class)
                .hasMessageContaining("agent key ssh-ed25519 " + fingerprint(keys.get("ed25519")))
                .hasMessageContaining("agent key ecdsa-sha2-nistp256 " + fingerprint(keys.get("ecdsa")))
                .hasMessageContaining("agent key ssh-rsa " + fingerprint(keys.get("rsa")))
                .hasMessageContaining("key " + clientKey() + ": refused by the server")
                .hasMessageContaining("refused by the server (it accepts: publickey)");
    }

    @Test
    void aKeyTheAgentAlreadyOfferedIsNotOfferedAgainFromItsFile() throws Exception {
        authorize(TestKeys.generate(Files.createTempDirectory(dir, "other"), "stranger", "ed25519", ""));
        assertThatThrownBy(() -> login(server.target().withIdentity(keys.get("rsa"))))
                .hasMessageContaining("key " + keys.get("rsa") + ": the same key as the agent's, already refused");
    }

    @Test
    void identitiesOnlyOffersOnlyTheAgentKeysOfTheIdentityFiles() throws Exception {
        authorize(TestKeys.generate(Files.createTempDirectory(dir, "other"), "stranger", "ed25519", ""));
        Files.writeString(server.dir().resolve("ssh_config"), "Host *\n  IdentityAgent " + agent.socket()
                + "\n  IdentitiesOnly yes\n  IdentityFile " + keys.get("ecdsa") + "\n");
        try {
            assertThatThrownBy(() -> login(server.target().withIdentity(null)))
                    .hasMessageContaining("agent key ecdsa-sha2-nistp256 " + fingerprint(keys.get("ecdsa")))
                    .hasMessageNotContaining("agent key ssh-ed25519")
                    .hasMessageNotContaining("agent key ssh-rsa");
        } finally {
            useAgent(agent.socket().toString());
        }
    }

    /** Audit checkpoints signed through the agent verify with the real ssh-keygen -Y verify (RSA as rsa-sha2-512). */
    @Test
    void theAgentSignsCheckpointsThatSshKeygenVerifies() throws Exception {
        Path work = Files.createTempDirectory(dir, "sshsig");
        for (AgentIdentity id : new AgentClient(agent.socket()).identities()) {
            dev.belay.ssh.auth.SshSigner signer = dev.belay.ssh.auth.SshSigner.agent(new AgentClient(agent.socket()), id);
            var cp = new dev.belay.audit.checkpoint.CheckpointSigner("op@example.com", signer.publicKeyBlob(), signer::sign);
            byte[] message = ("checkpoint for " + id.keyType() + "\n").getBytes();
            String armored = dev.belay.audit.checkpoint.SshSig.sign(message, "belay-audit", cp);
            Path msg = Files.write(work.resolve("msg"), message);
            Path sig = Files.writeString(work.resolve("msg.sig"), armored);
            Path signers = Files.writeString(work.resolve("allowed"), "op@example.com " + id.keyType() + " "
                    + java.util.Base64.getEncoder().encodeToString(id.publicKeyBlob()) + "\n");
            Process p = new ProcessBuilder("ssh-keygen", "-Y", "verify", "-n", "belay-audit", "-f", signers.toString(),
                    "-I", "op@example.com", "-s", sig.toString()).redirectInput(msg.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(id.keyType() + ": " + out).isZero();
            assertThat(out).contains("Good \"belay-audit\" signature for op@example.com");
            assertThat(dev.belay.audit.checkpoint.SshSig.problem(message, armored, "belay-audit")).isNull();
        }
    }
}
