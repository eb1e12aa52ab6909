package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.testing.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify that reads a log in parts at once against the one-reader walk, on a real H2 file of 60
 * events read in 4 parts (1-15, 16-30, 31-45, 46-60): on an intact log the parts alone say intact;
 * on every tampered one they never do, and verify names the same event for the same reason as the walk.
 * The tampering sits on and beside the seams, where a part cannot see it alone.
 */
class ChainVerifierTest {

    private static final int EVENTS = 60;
    private static final int PARTS = 4;

    @TempDir
    Path dir;
    private Database db;

    @Test
    void anIntactLogIsVouchedForByItsPartsAlone() throws Exception {
        log();
        VerifyResult walk = walk();
        assertThat(walk).isInstanceOf(VerifyResult.Intact.class);
        assertThat(((VerifyResult.Intact) walk).count()).isEqualTo(EVENTS);
        try (Connection c = db.connect()) {
            assertThat(new ChainVerifier(db, c, PARTS, 10).inParts()).hasValue(walk);
        }
    }

    @Test
    void aLogTooSmallToSplitIsWalked() throws Exception {
        log();
        try (Connection c = db.connect()) {
            assertThat(new ChainVerifier(db, c, PARTS, EVENTS).inParts()).isEmpty();
        }
    }

    @Test
    void editedRowsAtTheSeams() throws Exception {
        for (long seq : new long[] {1, 15, 16, 30, 31, 60}) {
            tampered("edit " + seq, c -> update(c, "UPDATE events SET payload = '{\"text\":\"nothing\"}' WHERE seq = " + seq));
        }
    }

    @Test
    void deletedRowsAtTheSeams() throws Exception {
        for (long seq : new long[] {1, 15, 16, 45, 46, 60}) {
            tampered("delete " + seq, c -> update(c, "DELETE FROM events WHERE seq = " + seq));
        }
        tampered("delete a whole part", c -> update(c, "DELETE FROM events WHERE seq BETWEEN 16 AND 30"));
    }

    @Test
    void rowsSwappedAcrossASeam() throws Exception {
        tampered("swap 15 and 16", c -> {
            update(c, "UPDATE events SET seq = 1000 WHERE seq = 15");
            update(c, "UPDATE events SET seq = 15 WHERE seq = 16");
            update(c, "UPDATE events SET seq = 16 WHERE seq = 1000");
        });
    }

    @Test
    void aRowBeforeTheFirstOrAfterTheHead() throws Exception {
        tampered("a row 0", c -> update(c, "INSERT INTO events SELECT 0, ts, run_id, operator_name, operator_login,"
                + " operator_machine, target_host, type, payload, prev_hash, hash FROM events WHERE seq = 1"));
        tampered("head moved back", c -> update(c, "UPDATE chain_head SET last_seq = 59,"
                + " last_hash = (SELECT hash FROM events WHERE seq = 59)"));
        tampered("head moved on", c -> update(c, "UPDATE chain_head SET last_seq = 61"));
    }

    /** Every part consistent within itself: only the seam between 15 and 16 is wrong. */
    @Test
    void aChainRewrittenFromASeamWithRecomputedHashes() throws Exception {
        tampered("rewritten from 16", c -> rechain(c, 16, "f".repeat(64)));
        tampered("rewritten from 31 after an edit of 31", c -> {
            update(c, "UPDATE events SET payload = '{\"text\":\"forged\"}' WHERE seq = 31");
            rechain(c, 32, null);
        });
    }

    @Test
    void timestampsAreWrittenAsInstantWritesThem() {
        Random random = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong(-70_000_000_000_000L, 260_000_000_000_000L));
            if (i % 3 == 0) {
                t = Instant.ofEpochSecond(t.getEpochSecond()); // whole seconds: no fraction at all
            } else if (i % 7 == 0) {
                t = t.plusNanos(random.nextInt(1_000_000)); // finer than the log keeps
            }
            ZoneOffset offset = i % 5 == 0 ? ZoneOffset.ofHours(random.nextInt(-12, 13)) : ZoneOffset.UTC;
            assertThat(ChainVerifier.instantText(OffsetDateTime.ofInstant(t, offset))).isEqualTo(t.toString());
        }
    }

    // --- helpers ---

    @FunctionalInterface
    private interface Sql {
        void run(Connection c) throws SQLException;
    }

    /** A fresh log, tampered with, then verified both ways. */
    private void tampered(String what, Sql tamper) throws Exception {
        log();
        try (Connection c = db.connect()) {
            tamper.run(c);
        }
        VerifyResult walk = walk();
        assertThat(walk).as(what).isInstanceOf(VerifyResult.Broken.class);
        try (Connection c = db.connect()) {
            Optional<VerifyResult> parts = new ChainVerifier(db, c, PARTS, 10).inParts();
            assertThat(parts).as(what + ": the parts alone must never vouch for it").satisfiesAnyOf(
                    p -> assertThat(p).isEmpty(), p -> assertThat(p).hasValue(walk));
        }
        try (Connection c = db.connect()) {
            assertThat(new ChainVerifier(db, c, PARTS, 10).verify()).as(what).isEqualTo(walk);
        }
    }

    private VerifyResult walk() throws SQLException {
        try (Connection c = db.connect()) {
            return new ChainVerifier(db, c, 1, 10).verify();
        }
    }

    private int logs;

    /** A new H2 file of {@value #EVENTS} notes, some of them not ASCII. */
    private void log() {
        String url = AuditStore.h2Url(dir.resolve("log-" + logs++));
        try (AuditStore store = AuditStore.open(url, TestClock.ticking(TestClock.MORNING))) {
            List<NewEvent> events = new java.util.ArrayList<>();
            for (int i = 1; i <= EVENTS; i++) {
                NewEvent e = NewEvent.of("run-" + i / 20, new Operator("alice", "alice", "ws-1"), i % 4 == 0 ? null : "db-1",
                        EventType.NOTE);
                e.payload().put("text", i % 5 == 0 ? "héllo \"quoted\" ✓ " + i : "note " + i);
                events.add(e);
            }
            store.appendAll(events); // one transaction: the chain is the same as one append at a time
        }
        db = new Database(url);
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Recomputes every hash from {@code from} on, the first linked to {@code firstPrev} (null: the row before), and the head. */
    private static void rechain(Connection c, long from, String firstPrev) throws SQLException {
        String prev = firstPrev;
        if (prev == null) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT hash FROM events WHERE seq = " + (from - 1))) {
                rs.next();
                prev = rs.getString(1);
            }
        }
        List<Object[]> rows = new java.util.ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT " + EventRows.COLUMNS + " FROM events WHERE seq >= " + from + " ORDER BY seq")) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)});
            }
        }
        long seq = from - 1;
        try (PreparedStatement ps = c.prepareStatement("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?")) {
            for (Object[] r : rows) {
                seq = (long) r[0];
                String hash = HashChain.hash(prev, seq, ((OffsetDateTime) r[1]).toInstant().toString(), (String) r[2],
                        (String) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8]);
                ps.setString(1, prev);
                ps.setString(2, hash);
                ps.setLong(3, seq);
                ps.executeUpdate();
                prev = hash;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, prev);
            ps.executeUpdate();
        }
    }

}
