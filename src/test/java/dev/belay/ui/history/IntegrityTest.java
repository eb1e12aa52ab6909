package dev.belay.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.checkpoint.CheckpointPolicy;
import dev.belay.audit.checkpoint.CheckpointSigner;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.auth.SshSigner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's "Check integrity" verdict holds the log against its checkpoints too. */
class IntegrityTest {
    @TempDir
    Path dir;

    @Test
    void aLogShortenedBelowItsRunEndCheckpointIsBroken() throws Exception {
        Path key = dir.resolve("id");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        SshSigner signer = SshSigner.keyFile(key, PassphrasePrompt.NONE);
        String url = AuditStore.h2Url(dir.resolve("audit"));
        Operator op = new Operator("alice", "alice", "ws");
        try (AuditStore store = AuditStore.open(url)) {
            store.checkpointWith(new CheckpointPolicy(new CheckpointSigner("alice", signer.publicKeyBlob(), signer::sign),
                    dir.resolve("checkpoints"), 500));
            store.append(NewEvent.of("r1", op, null, EventType.RUN_STARTED));
            store.append(NewEvent.of("r1", op, "h", EventType.NOTE));
            NewEvent end = NewEvent.of("r1", op, null, EventType.RUN_FINISHED);
            end.payload().put("outcome", "succeeded");
            store.append(end);
            Integrity ok = Integrity.check(store);
            assertThat(ok.intact()).isTrue();
            assertThat(ok.verdict()).isEqualTo("Intact: 3 events; 1 signed checkpoints vouch for it up to event 3");
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().executeUpdate("DELETE FROM events WHERE seq = 3");
            c.createStatement().executeUpdate("UPDATE chain_head SET last_seq = 2, last_hash ="
                    + " (SELECT MAX(hash) FROM events WHERE seq = 2) WHERE id = 1");
        }
        try (AuditStore store = AuditStore.open(url)) {
            Integrity broken = Integrity.check(store);
            assertThat(broken.chain().intact()).isTrue();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.verdict()).startsWith("Broken: run r1, seq 3: the log ends at seq 2");
        }
    }
}
