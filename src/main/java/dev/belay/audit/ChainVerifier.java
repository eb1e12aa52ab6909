package dev.belay.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Walks the events in sequence order, recomputing each hash and its link to the one before. */
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
        }
        long expected = 1;
        String prev = HashChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EventRows.COLUMNS + " FROM events ORDER BY seq")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    EventRows.Row row = EventRows.read(rs);
                    VerifyResult broken = check(row, expected, prev);
                    if (broken != null) {
                        return broken;
                    }
                    prev = row.hash();
                    expected++;
                }
            }
        }
        return checkHead(expected - 1, prev);
    }

    private static VerifyResult check(EventRows.Row row, long expected, String prev) {
        if (row.seq() != expected) {
            return new VerifyResult.Broken(expected, "event " + expected + " is missing: deleted"
                    + (row.seq() - expected > 1 ? " (up to event " + (row.seq() - 1) + ")" : ""));
        }
        if (!row.prevHash().equals(prev)) {
            return new VerifyResult.Broken(row.seq(), "event " + row.seq() + " does not follow event "
                    + (row.seq() - 1) + ": events were reordered, or the event before was replaced");
        }
        if (!row.recomputeHash().equals(row.hash())) {
            return new VerifyResult.Broken(row.seq(), "event " + row.seq()
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
