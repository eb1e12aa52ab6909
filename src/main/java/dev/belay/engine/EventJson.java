package dev.belay.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.belay.audit.RunOutcome;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Run events as JSON and back: the record's fields plus {@code kind} (the record's name). The audit
 * log stores them as the {@link dev.belay.audit.LoggedEvent} of the same name, whose fields match
 * these but for the run's end: the engine's {@link RunStatus} is the log's {@code outcome}
 * ({@link RunStatus#outcome()}); {@link AuditEventSink} also moves outputs to the output store.
 */
final class EventJson {

    static final String KIND = "kind";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new InstantOut())
                    .addDeserializer(Instant.class, new InstantIn()))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final Map<String, Class<?>> KINDS = Arrays.stream(RunEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private EventJson() {
    }

    static ObjectNode toJson(RunEvent e) {
        ObjectNode node = JSON.valueToTree(e);
        node.put(KIND, e.getClass().getSimpleName());
        if (e instanceof RunEvent.RunFinished f) {
            node.remove("status");
            node.put("outcome", (f.status().ended() ? f.status().outcome() : RunOutcome.ABORTED).stored());
        }
        return node;
    }

    /** The event a payload holds, or null when it is not an engine event (other writers share the log). */
    static RunEvent fromJson(JsonNode payload) {
        JsonNode kind = payload.get(KIND);
        Class<?> type = kind == null ? null : KINDS.get(kind.asText());
        if (type == null) {
            return null;
        }
        if (type == RunEvent.RunFinished.class && payload instanceof ObjectNode o && !o.has("status")) {
            RunOutcome outcome = RunOutcome.valueOf(o.path("outcome").asText("succeeded").toUpperCase(java.util.Locale.ROOT));
            o.put("status", java.util.Arrays.stream(RunStatus.values()).filter(x -> x.ended() && x.outcome() == outcome)
                    .findFirst().orElse(RunStatus.ABORTED).name());
        }
        try {
            return (RunEvent) JSON.treeToValue(payload, type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a stored " + kind.asText() + " event: " + e.getMessage(), e);
        }
    }

    private static final class InstantOut extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantIn extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Instant.parse(p.getValueAsString());
        }
    }
}
