package dev.belay.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An event not yet stored: the store adds sequence number, timestamp and hashes on append.
 * {@code targetHost} is null for events that concern no single host.
 */
public record NewEvent(String runId, Operator operator, String targetHost, EventType type, ObjectNode payload) {

    public NewEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(type, "type");
        payload = payload == null ? JsonNodeFactory.instance.objectNode() : payload;
    }

    /** The event that files {@code event} under its type, with its payload. */
    public static NewEvent of(String runId, Operator operator, String targetHost, LoggedEvent event) {
        return new NewEvent(runId, operator, targetHost, event.type(), EventPayloads.payload(event));
    }

    /** An event with an empty payload to fill with {@code payload().put(...)}. */
    public static NewEvent of(String runId, Operator operator, String targetHost, EventType type) {
        return new NewEvent(runId, operator, targetHost, type, JsonNodeFactory.instance.objectNode());
    }
}
