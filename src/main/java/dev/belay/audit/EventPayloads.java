package dev.belay.audit;

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
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link LoggedEvent}s as audit payloads and back: the record's fields plus {@code kind}, its simple
 * name. Payloads written before the records existed carry no {@code kind} and name some fields
 * differently ({@code exitStatus}, {@code durationMillis}, {@code monitor}, {@code inventory},
 * {@code status}); {@link #read} translates them, so runs recorded by earlier versions still read.
 */
public final class EventPayloads {

    /** The payload field naming the record. */
    public static final String KIND = "kind";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new InstantOut())
                    .addDeserializer(Instant.class, new InstantIn()))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final Map<String, Class<?>> KINDS = Arrays.stream(LoggedEvent.class.getPermittedSubclasses())
            .filter(c -> c != LoggedEvent.Other.class)
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    /** The record name an old payload without {@code kind} stands for, by its audit type. */
    private static final Map<EventType, String> LEGACY_KINDS = Map.ofEntries(
            Map.entry(EventType.RUN_STARTED, "RunStarted"), Map.entry(EventType.RUN_FINISHED, "RunFinished"),
            Map.entry(EventType.RUN_ABORTED, "RunAborted"), Map.entry(EventType.OPERATOR_HANDOVER, "Handover"),
            Map.entry(EventType.STEP_STARTED, "StepStarted"), Map.entry(EventType.STEP_FINISHED, "StepFinished"),
            Map.entry(EventType.STEP_SKIPPED, "StepSkipped"), Map.entry(EventType.STEP_CONFIRMED, "StepConfirmed"),
            Map.entry(EventType.COMMAND_STARTED, "CommandStarted"),
            Map.entry(EventType.COMMAND_FINISHED, "CommandFinished"),
            Map.entry(EventType.EXPECTATION_PASSED, "ExpectationChecked"),
            Map.entry(EventType.EXPECTATION_FAILED, "ExpectationChecked"),
            Map.entry(EventType.MONITOR_UP, "MonitorChanged"), Map.entry(EventType.MONITOR_DOWN, "MonitorChanged"),
            Map.entry(EventType.NOTE, "NoteAdded"), Map.entry(EventType.ROLLBACK_STARTED, "RollbackStarted"),
            Map.entry(EventType.PREFLIGHT_OVERRIDDEN, "PreflightOverridden"),
            Map.entry(EventType.SNAPSHOT_TAKEN, "SnapshotTaken"),
            Map.entry(EventType.OUTCOME_RESOLVED, "OutcomeResolved"),
            Map.entry(EventType.TERMINAL_OPENED, "TerminalOpened"),
            Map.entry(EventType.TERMINAL_CLOSED, "TerminalClosed"));

    /** Old field name → record field name, for payloads of earlier versions. */
    private static final Map<String, String> LEGACY_FIELDS = Map.of(
            "exitStatus", "exitCode", "durationMillis", "millis", "monitor", "monitorId", "inventory", "inventoryPath");

    private EventPayloads() {
    }

    /** The payload of {@code event}: its fields and its {@code kind}. */
    public static ObjectNode payload(LoggedEvent event) {
        if (event instanceof LoggedEvent.Other o) {
            ObjectNode node = JSON.getNodeFactory().objectNode();
            o.fields().forEach(node::put);
            return node;
        }
        ObjectNode node = JSON.valueToTree(event);
        node.put(KIND, event.getClass().getSimpleName());
        return node;
    }

    /** True when records of this kind exist, so a payload of that kind reads as a typed record. */
    public static boolean known(String kind) {
        return KINDS.containsKey(kind);
    }

    /**
     * The record a payload holding its {@code kind} describes (a writer's own check that what it is
     * about to store is a payload the readers understand).
     *
     * @throws IllegalArgumentException when no record has that kind or the fields do not fit it
     */
    public static LoggedEvent parse(JsonNode payload) {
        String kind = payload.path(KIND).asText();
        Class<?> type = KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("no LoggedEvent record named '" + kind + "': add one to "
                    + "dev.belay.audit.LoggedEvent so the audit log can store and read it");
        }
        try {
            return (LoggedEvent) JSON.treeToValue(payload, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("a " + kind + " payload does not fit LoggedEvent." + kind + ": "
                    + e.getMessage(), e);
        }
    }

    /** What a stored event says; payloads no record describes read as {@link LoggedEvent.Other}. */
    public static LoggedEvent read(AuditEvent stored) {
        JsonNode payload = stored.payload();
        JsonNode kindNode = payload.get(KIND);
        String kind = kindNode == null ? LEGACY_KINDS.get(stored.type()) : kindNode.asText();
        Class<?> type = kind == null ? null : KINDS.get(kind);
        if (type == null || !payload.isObject()) {
            return other(stored, kind);
        }
        ObjectNode p = ((ObjectNode) payload).deepCopy();
        if (kindNode == null) {
            translate(stored, p);
        }
        if (!p.hasNonNull("at")) {
            p.put("at", stored.ts().toString());
        }
        if (!p.hasNonNull("host") && stored.targetHost() != null) {
            p.put("host", stored.targetHost());
        }
        try {
            return (LoggedEvent) JSON.treeToValue(p, type);
        } catch (IOException | IllegalArgumentException e) {
            return other(stored, kind);
        }
    }

    /** Renames old fields and fills what old payloads left to the event type. */
    private static void translate(AuditEvent stored, ObjectNode p) {
        LEGACY_FIELDS.forEach((old, now) -> {
            if (p.has(old) && !p.has(now)) {
                p.set(now, p.get(old));
            }
        });
        switch (stored.type()) {
            case STEP_FINISHED -> p.put("passed", !p.path("status").asText().startsWith("failed"));
            case EXPECTATION_PASSED, EXPECTATION_FAILED -> p.put("passed", stored.type() == EventType.EXPECTATION_PASSED);
            case MONITOR_UP, MONITOR_DOWN -> p.put("up", stored.type() == EventType.MONITOR_UP);
            default -> { }
        }
    }

    private static LoggedEvent.Other other(AuditEvent stored, String kind) {
        Map<String, String> fields = new LinkedHashMap<>();
        stored.payload().fields().forEachRemaining(f -> fields.put(f.getKey(),
                f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
        return new LoggedEvent.Other(stored.ts(), stored.type(), kind, fields);
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
