package dev.belay.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * Walks the events in sequence order, recomputing each hash and its link to the one before.
 * Rows stream (H2 lazily, PostgreSQL through a cursor) and are hashed straight from their columns:
 * holding a million-row result or building an event object per row cost more than the hashing.
 */
final class ChainVerifier {

    private final Connection c;
    private final boolean streamWithCursor;

    ChainVerifier(Connection c, boolean postgres) {
        this.c = c;
        this.streamWithCursor = postgres;
    }

    VerifyResult verify() throws SQLException {
        if (streamWithCursor) {
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
        } else {
            try (Statement s = c.createStatement()) {
                // Without it H2 builds the whole result first, spilling past its in-memory row limit to a temp file.
                s.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
        }
        long expected = 1;
        String prev = HashChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EventRows.COLUMNS + " FROM events ORDER BY seq")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    VerifyResult broken = check(rs, expected, prev);
                    if (broken != null) {
                        return broken;
                    }
                    prev = rs.getString(11);
                    expected++;
                }
            }
        }
        return checkHead(expected - 1, prev);
    }

    /** The row under the cursor, in {@link EventRows#COLUMNS} order, against the chain so far. */
    private static VerifyResult check(ResultSet rs, long expected, String prev) throws SQLException {
        long seq = rs.getLong(1);
        if (seq != expected) {
            return new VerifyResult.Broken(expected, "event " + expected + " is missing: deleted"
                    + (seq - expected > 1 ? " (up to event " + (seq - 1) + ")" : ""));
        }
        String prevHash = rs.getString(10);
        if (!prev.equals(prevHash)) {
            return new VerifyResult.Broken(seq, "event " + seq + " does not follow event "
                    + (seq - 1) + ": events were reordered, or the event before was replaced");
        }
        String ts = rs.getObject(2, OffsetDateTime.class).toInstant().toString();
        String recomputed = HashChain.hash(prevHash, seq, ts, rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
        if (!recomputed.equals(rs.getString(11))) {
            return new VerifyResult.Broken(seq, "event " + seq
                    + " does not match its hash: its row was edited");
        }
        return null;
    }

    private VerifyResult checkHead(long lastSeq, String lastHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM chain_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new VerifyResult.Broken(lastSeq + 1, "the chain head row was deleted");
            }
            long headSeq = rs.getLong(1);
            if (headSeq > lastSeq) {
                return new VerifyResult.Broken(lastSeq + 1, "events " + (lastSeq + 1) + " to " + headSeq
                        + " are missing: deleted from the end of the log");
            }
            if (headSeq < lastSeq || !rs.getString(2).equals(lastHash)) {
                return new VerifyResult.Broken(Math.max(1, lastSeq), "the chain head does not match event "
                        + lastSeq + ": the end of the log was rewritten");
            }
            return new VerifyResult.Intact(lastSeq, lastHash);
        }
    }
}
