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

    /** An event with an empty payload to fill with {@code payload().put(...)}. */
    public static NewEvent of(String runId, Operator operator, String targetHost, EventType type) {
        return new NewEvent(runId, operator, targetHost, type, JsonNodeFactory.instance.objectNode());
    }
}
