package dev.belay.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Maps events to and from rows of the events table. */
final class EventRows {

    static final String COLUMNS = "seq, ts, run_id, operator_name, operator_login, operator_machine, "
            + "target_host, type, payload, prev_hash, hash";
    static final String INSERT = "INSERT INTO events (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)";

    static final ObjectMapper JSON = new ObjectMapper();

    private EventRows() { }

    /** A row as stored: the payload kept as the exact text the hash covers. */
    record Row(long seq, Instant ts, String runId, Operator operator, String targetHost, String type,
               String payload, String prevHash, String hash) {

        AuditEvent toEvent() {
            try {
                return new AuditEvent(seq, ts, runId, operator, targetHost, EventType.valueOf(type),
                        JSON.readTree(payload), prevHash, hash);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new AuditException("Event " + seq + " has an unreadable payload or type '" + type
                        + "'; run 'belay audit verify' to check the log", e);
            }
        }
    }

    static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                new Operator(rs.getString(4), rs.getString(5), rs.getString(6)), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11));
    }

    static List<AuditEvent> readAll(ResultSet rs) throws SQLException {
        List<AuditEvent> out = new ArrayList<>();
        while (rs.next()) {
            out.add(read(rs).toEvent());
        }
        return out;
    }

    static void bind(PreparedStatement ps, Row r) throws SQLException {
        ps.setLong(1, r.seq());
        ps.setObject(2, r.ts().atOffset(ZoneOffset.UTC));
        ps.setString(3, r.runId());
        ps.setString(4, r.operator().name());
        ps.setString(5, r.operator().login());
        ps.setString(6, r.operator().machine());
        ps.setString(7, r.targetHost());
        ps.setString(8, r.type());
        ps.setString(9, r.payload());
        ps.setString(10, r.prevHash());
        ps.setString(11, r.hash());
    }
}
