package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.checkpoint.AllowedSigners;
import dev.belay.audit.checkpoint.Checkpoint;
import dev.belay.audit.checkpoint.CheckpointAudit;
import dev.belay.audit.checkpoint.CheckpointFile;
import dev.belay.audit.checkpoint.CheckpointPolicy;
import dev.belay.audit.checkpoint.CheckpointSigner;
import dev.belay.audit.checkpoint.Finding;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.auth.SshSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signed checkpoints catch what the chain alone cannot (a shortened log, a recomputed chain) and
 * what a forger would try; a checkpoint verifies with the real {@code ssh-keygen -Y verify}.
 */
class CheckpointTest {
    private static final Operator ALICE = new Operator("alice", "alice", "laptop");

    @TempDir
    Path dir;
    Path checkpoints;
    Path allowed;
    String url;
    CheckpointSigner alice;

    @BeforeEach
    void setUp() throws Exception {
        checkpoints = dir.resolve("shared/checkpoints");
        url = AuditStore.h2Url(dir.resolve("audit"));
        Path key = keygen("alice", "ed25519");
        alice = signer("alice@example.com", key);
        allowed = Files.writeString(dir.resolve("allowed_signers"),
                "alice@example.com namespaces=\"belay-audit\" " + Files.readString(pub(key)));
    }

    private Path keygen(String name, String type) throws Exception {
        Path key = dir.resolve(name);
        run(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", key.toString()));
        return key;
    }

    private static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    private static CheckpointSigner signer(String identity, Path key) throws Exception {
        SshSigner s = SshSigner.keyFile(key, PassphrasePrompt.NONE);
        return new CheckpointSigner(identity, s.publicKeyBlob(), s::sign);
    }

    private static String run(List<String> cmd) throws Exception {
        return run(cmd, null);
    }

    private static String run(List<String> cmd, Path stdin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " failed: " + out);
        }
        return out;
    }

    /** Two runs of 14 events each, checkpointed every 5 events and at each run's end. */
    private void twoRuns() {
        try (AuditStore store = AuditStore.open(url)) {
            store.checkpointWith(new CheckpointPolicy(alice, checkpoints, 5));
            Fixtures.run(store, "run-1", "patch-db", "prod", ALICE, "succeeded", 60, "OK");
            Fixtures.run(store, "run-2", "patch-db", "prod", ALICE, "succeeded", 60, "OK");
        }
    }

    private CheckpointAudit.Report verify() throws Exception {
        try (AuditStore store = AuditStore.open(url)) {
            return store.verifyCheckpoints(List.of(new CheckpointAudit.Source(checkpoints, true, "given")),
                    AllowedSigners.read(allowed));
        }
    }

    private Connection jdbc() throws Exception {
        return DriverManager.getConnection(url);
    }

    @Test
    void everyNEventsAndEveryRunEndIsSignedInTheDatabaseAndTheFile() throws Exception {
        twoRuns();
        try (AuditStore store = AuditStore.open(url)) {
            assertThat(store.checkpoints(null)).extracting(Checkpoint::seq).containsExactly(5L, 10L, 14L, 19L, 24L, 28L);
            assertThat(store.checkpoints("run-1")).extracting(Checkpoint::seq).containsExactly(5L, 10L, 14L);
            assertThat(store.verify().intact()).isTrue();
        }
        assertThat(CheckpointFile.read(checkpoints).checkpoints()).hasSize(6);
        CheckpointAudit.Report report = verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.checked()).isEqualTo(6);
        assertThat(report.anchoredUpTo()).isEqualTo(28);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void theRealSshKeygenVerifiesACheckpoint(String type) throws Exception {
        Path key = keygen("op-" + type, type);
        Path signers = Files.writeString(dir.resolve("allowed-" + type), "op@example.com " + Files.readString(pub(key)));
        try (AuditStore store = AuditStore.open(url)) {
            store.checkpointWith(new CheckpointPolicy(signer("op@example.com", key), checkpoints, 500));
            Fixtures.run(store, "run-k", "patch-db", "prod", ALICE, "succeeded", 60, "OK");
        }
        // As docs/audit.md tells a reviewer with no Belay at hand: jq -j .message / .signature from the file.
        Checkpoint c = CheckpointFile.read(checkpoints).checkpoints().get(0);
        Path message = Files.writeString(dir.resolve("message"), c.message());
        Path sig = Files.writeString(dir.resolve("message.sig"), c.signature());
        String out = run(List.of("ssh-keygen", "-Y", "verify", "-n", "belay-audit", "-f", signers.toString(),
                "-I", "op@example.com", "-s", sig.toString()), message);
        assertThat(out).contains("Good \"belay-audit\" signature for op@example.com");
        if (type.equals("rsa")) {
            assertThat(dev.belay.audit.checkpoint.SshSig.parse(c.signature()).algorithm()).isEqualTo("rsa-sha2-512");
        }
    }

    @Test
    void aLogShortenedBelowACheckpointIsCaughtThoughTheChainStillVerifies() throws Exception {
        twoRuns();
        try (Connection c = jdbc()) {
            // The attack from the issue: delete RUN_FINISHED and move chain_head back.
            c.createStatement().executeUpdate("DELETE FROM events WHERE seq = 28");
            c.createStatement().executeUpdate("UPDATE chain_head SET last_seq = 27, last_hash = "
                    + "(SELECT MAX(hash) FROM events WHERE seq = 27) WHERE id = 1");
        }
        try (AuditStore store = AuditStore.open(url)) {
            assertThat(store.verify().intact()).as("the chain alone cannot see it").isTrue();
        }
        assertThat(verify().findings()).singleElement().satisfies(f -> {
            assertThat(f.runId()).isEqualTo("run-2");
            assertThat(f.seq()).isEqualTo(28);
            assertThat(f.what()).contains("the log ends at seq 27").contains("deleted from the end");
        });
        // Deleting the database's checkpoints as well leaves the file's copy.
        try (Connection c = jdbc()) {
            c.createStatement().executeUpdate("DELETE FROM checkpoints WHERE seq >= 24");
        }
        assertThat(verify().findings()).extracting(Finding::toString)
                .anyMatch(s -> s.contains("run run-2, seq 28: this checkpoint is in") && s.contains("not in the database"))
                .anyMatch(s -> s.contains("run run-2, seq 28: the log ends at seq 27"));
    }

    @Test
    void aRewrittenChainWithRecomputedHashesIsCaught() throws Exception {
        twoRuns();
        try (Connection c = jdbc()) {
            c.createStatement().executeUpdate(
                    "UPDATE events SET payload = '{\"stepId\":\"backup\",\"note\":\"all fine\"}' WHERE seq = 7");
            recomputeFrom(c, 7);
        }
        try (AuditStore store = AuditStore.open(url)) {
            assertThat(store.verify().intact()).as("a recomputed chain verifies on its own").isTrue();
        }
        List<Finding> findings = verify().findings();
        assertThat(findings).extracting(Finding::seq).containsExactly(10L, 14L, 19L, 24L, 28L);
        assertThat(findings.get(0).runId()).isEqualTo("run-1");
        assertThat(findings.get(0).what()).contains("no longer has the hash signed by alice@example.com")
                .contains("recomputed");
    }

    @Test
    void forgedCheckpointsAreCaught() throws Exception {
        twoRuns();
        try (Connection c = jdbc()) {
            // An edited checkpoint: its signature no longer covers it.
            c.createStatement().executeUpdate("UPDATE checkpoints SET hash = '" + "ab".repeat(32) + "' WHERE seq = 10");
        }
        // A checkpoint made by someone else's key (e.g. after rewriting the log), in the shared file.
        CheckpointSigner mallory = signer("alice@example.com", keygen("mallory", "ed25519"));
        try (AuditStore store = AuditStore.open(url)) {
            AuditEvent last = store.timeline("run-2").get(13);
            store.checkpointWith(new CheckpointPolicy(mallory, checkpoints, 500));
            assertThat(store.checkpoint(last)).isPresent();
        }
        List<Finding> findings = verify().findings();
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.seq()).isEqualTo(10);
            assertThat(f.runId()).isEqualTo("run-1");
            assertThat(f.what()).contains("signature is invalid").contains("forged or altered");
        });
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.seq()).isEqualTo(28);
            assertThat(f.what()).contains("as 'alice@example.com', which " + allowed + " does not allow");
        });
        // The untouched copy of seq 10 in the file shows the database's copy was altered.
        assertThat(findings).filteredOn(f -> f.seq() == 10).extracting(Finding::what)
                .anyMatch(w -> w.contains("not in the database: deleted or altered there"));
    }

    @Test
    void aMissingCheckpointFileIsReported() throws Exception {
        twoRuns();
        Files.delete(checkpoints);
        try (AuditStore store = AuditStore.open(url)) {
            // Not even named on the command line: the database remembers where its checkpoints went.
            CheckpointAudit.Report r = store.verifyCheckpoints(List.of(), AllowedSigners.read(allowed));
            assertThat(r.findings()).singleElement().extracting(Finding::what).asString()
                    .contains("the checkpoint file " + checkpoints.toAbsolutePath() + " is missing");
            assertThat(r.checked()).isEqualTo(6);
        }
    }

    @Test
    void withoutAnyCheckpointTruncationCannotBeRuledOut() throws Exception {
        try (AuditStore store = AuditStore.open(url)) {
            Fixtures.run(store, "run-0", "patch-db", "prod", ALICE, "succeeded", 60, "OK");
            CheckpointAudit.Report r = store.verifyCheckpoints(List.of(), null);
            assertThat(r.findings()).isEmpty();
            assertThat(r.checked()).isZero();
            assertThat(r.notes()).anyMatch(n -> n.contains("cannot be ruled out"));
        }
    }

    /** What an attacker with the database file does: recompute every hash from {@code seq} on. */
    static void recomputeFrom(Connection c, long seq) throws Exception {
        List<EventRows.Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + EventRows.COLUMNS + " FROM events ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(EventRows.read(rs));
            }
        }
        String prev = HashChain.GENESIS;
        for (EventRows.Row r : rows) {
            if (r.seq() >= seq) {
                String hash = HashChain.hash(prev, r.seq(), r.ts(), r.runId(), r.operator(), r.targetHost(), r.type(),
                        r.payload());
                try (PreparedStatement ps = c.prepareStatement("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?")) {
                    ps.setString(1, prev);
                    ps.setString(2, hash);
                    ps.setLong(3, r.seq());
                    ps.executeUpdate();
                }
                prev = hash;
            } else {
                prev = r.hash();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE chain_head SET last_hash = ? WHERE id = 1")) {
            ps.setString(1, prev);
            ps.executeUpdate();
        }
    }
}
