package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a real PostgreSQL (BELAY_TEST_PG_URL), the role split of docs/audit.md: the owner creates the
 * schema, the application's role writes the log through Belay, and neither can edit or delete events
 * through SQL, nor move the chain head back; only the owner could disable the triggers.
 */
class PostgresAppendOnlyTest {
    /** The grants docs/audit.md gives the application's role, word for word. */
    static final String[] APP_GRANTS = {
        "GRANT USAGE ON SCHEMA public TO belay_app",
        "GRANT SELECT ON flyway_schema_history TO belay_app",
        "GRANT SELECT, INSERT ON events, outputs, recordings, recording_chunks, checkpoints TO belay_app",
        "GRANT SELECT, UPDATE ON chain_head TO belay_app",
    };

    private String ownerUrl;
    private String appUrl;

    @BeforeEach
    void schemaAndRoles() throws Exception {
        ownerUrl = PostgresAuditStoreTest.PG_URL;
        assumeTrue(ownerUrl != null && !ownerUrl.isBlank(), "BELAY_TEST_PG_URL is not set: no PostgreSQL here");
        PostgresAuditStoreTest.resetSchema(ownerUrl);
        try (AuditStore owner = AuditStore.open(ownerUrl)) {
            owner.append(AuditStoreContract.note("run-1", "created by the owner"));
        }
        try (Connection c = DriverManager.getConnection(ownerUrl); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'belay_app') THEN"
                    + " CREATE ROLE belay_app LOGIN; END IF; END $$");
            for (String grant : APP_GRANTS) {
                s.execute(grant);
            }
        }
        appUrl = ownerUrl.replaceAll("user=[^&]*", "user=belay_app");
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void theApplicationRoleAppendsAndVerifiesButCannotRewriteOrShortenTheLog() throws Exception {
        try (AuditStore app = AuditStore.open(appUrl)) {
            app.append(AuditStoreContract.note("run-1", "written by the app"));
            app.append(AuditStoreContract.note("run-1", "and another"));
            assertThat(app.verify()).isEqualTo(new VerifyResult.Intact(3, app.timeline("run-1").get(2).hash()));
        }
        // First layer: the grants give the application no UPDATE or DELETE at all.
        assertThatThrownBy(() -> sql(appUrl, "UPDATE events SET payload = '{}' WHERE seq = 2"))
                .hasMessageContaining("permission denied for table events");
        assertThatThrownBy(() -> sql(appUrl, "DELETE FROM events WHERE seq = 3"))
                .hasMessageContaining("permission denied for table events");
        assertThatThrownBy(() -> sql(appUrl, "UPDATE chain_head SET last_seq = 2 WHERE id = 1"))
                .hasMessageContaining("the chain head may only move forward");
        assertThatThrownBy(() -> sql(appUrl, "ALTER TABLE events DISABLE TRIGGER USER"))
                .hasMessageContaining("must be owner");
        assertThatThrownBy(() -> sql(appUrl, "TRUNCATE events")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql(appUrl, "DELETE FROM checkpoints")).isInstanceOf(SQLException.class);
        try (AuditStore owner = AuditStore.open(ownerUrl)) {
            assertThat(owner.verify().intact()).isTrue();
            assertThat(owner.timeline("run-1")).hasSize(3);
        }
    }

    @Test
    void theTriggersHoldWhereTheGrantsWereTooGenerous() throws Exception {
        sql(ownerUrl, "GRANT UPDATE, DELETE, TRUNCATE ON events, checkpoints TO belay_app");
        try {
            assertThatThrownBy(() -> sql(appUrl, "UPDATE events SET payload = '{}' WHERE seq = 1"))
                    .hasMessageContaining("UPDATE on events refused: the table is append-only (role belay_app)");
            assertThatThrownBy(() -> sql(appUrl, "DELETE FROM events WHERE seq = 1"))
                    .hasMessageContaining("DELETE on events refused");
            assertThatThrownBy(() -> sql(appUrl, "TRUNCATE events"))
                    .hasMessageContaining("TRUNCATE on events refused");
            assertThatThrownBy(() -> sql(appUrl, "TRUNCATE checkpoints"))
                    .hasMessageContaining("TRUNCATE on checkpoints refused");
        } finally {
            sql(ownerUrl, "REVOKE UPDATE, DELETE, TRUNCATE ON events, checkpoints FROM belay_app");
        }
    }

    /** The checkpoints table is the same SQL on PostgreSQL: the application's role signs and verifies. */
    @Test
    void theApplicationRoleSignsCheckpointsThatVerify(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path key = dir.resolve("id_app");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        var signer = dev.belay.ssh.auth.SshSigner.keyFile(key, dev.belay.ssh.auth.PassphrasePrompt.NONE);
        java.nio.file.Path file = dir.resolve("checkpoints");
        try (AuditStore app = AuditStore.open(appUrl)) {
            app.checkpointWith(new dev.belay.audit.checkpoint.CheckpointPolicy(new dev.belay.audit.checkpoint
                    .CheckpointSigner("app@example.com", signer.publicKeyBlob(), signer::sign), file, 5));
            Fixtures.run(app, "run-pg", "patch-db", "prod", AuditStoreContract.ALICE, "succeeded", 60, "OK");
            assertThat(app.checkpoints("run-pg")).isNotEmpty();
            var report = app.verifyCheckpoints(List.of(), null);
            assertThat(report.findings()).isEmpty();
            assertThat(report.anchoredUpTo()).isEqualTo(15);
        }
    }

    @Test
    void theTriggersHoldForTheOwnerToo() {
        assertThatThrownBy(() -> sql(ownerUrl, "DELETE FROM events WHERE seq = 1"))
                .hasMessageContaining("DELETE on events refused");
        assertThatThrownBy(() -> sql(ownerUrl, "DELETE FROM chain_head"))
                .hasMessageContaining("the chain head may only move forward");
    }
}
