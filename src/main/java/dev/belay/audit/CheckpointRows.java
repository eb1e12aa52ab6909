package dev.belay.audit;

import dev.belay.audit.checkpoint.Checkpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The checkpoints table. The time is kept as the exact ISO text that was signed. */
final class CheckpointRows {
    private CheckpointRows() { }

    static void insert(Connection c, Checkpoint cp, String file) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO checkpoints"
                + " (log_id, seq, hash, run_id, ts, signer, signature, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, cp.logId());
            ps.setLong(2, cp.seq());
            ps.setString(3, cp.hash());
            ps.setString(4, cp.runId());
            ps.setString(5, cp.time().toString());
            ps.setString(6, cp.signer());
            ps.setString(7, cp.signature());
            ps.setString(8, file);
            ps.executeUpdate();
        }
    }

    /** Every checkpoint ({@code runId} null) or one run's, in seq order. */
    static List<Checkpoint> list(Connection c, String runId) throws SQLException {
        String sql = "SELECT log_id, seq, hash, run_id, ts, signer, signature FROM checkpoints"
                + (runId == null ? "" : " WHERE run_id = ?") + " ORDER BY seq, ts";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (runId != null) {
                ps.setString(1, runId);
            }
            List<Checkpoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getString(1), rs.getString(4),
                            rs.getLong(2), rs.getString(3), Instant.parse(rs.getString(5)), rs.getString(6),
                            rs.getString(7)));
                }
            }
            return out;
        }
    }

    /** The files the checkpoints were appended to, as recorded when they were written. */
    static List<String> files(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT file FROM checkpoints WHERE file IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    /** The chain's first hash names the log; null while it is empty. */
    static String logId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM events WHERE seq = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static dev.belay.audit.checkpoint.CheckpointAudit.EventAt eventAt(Connection c, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hash, run_id FROM events WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new dev.belay.audit.checkpoint.CheckpointAudit.EventAt(rs.getString(1),
                        rs.getString(2)) : null;
            }
        }
    }

    static long lastSeq(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(seq) FROM events");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
