package dev.belay.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A stored event: its place in the chain, UTC time to the millisecond, and the hashes that seal it. */
public record AuditEvent(long seq, Instant ts, String runId, Operator operator, String targetHost,
                         EventType type, JsonNode payload, String prevHash, String hash) {

    /** What the event says, typed; read from the payload on each call. */
    public LoggedEvent event() {
        return EventPayloads.read(this);
    }

    /** A payload text field, or "" when absent. */
    public String text(String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
