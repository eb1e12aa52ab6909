package dev.belay.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditException;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventPayloads;
import dev.belay.audit.EventType;
import dev.belay.audit.LoggedEvent;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.OutputRef;
import dev.belay.audit.RunQuery;
import dev.belay.audit.RunSummary;
import dev.belay.audit.StagedOutput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@link RunStore} over the audit log. Each durable run event is stored as the
 * {@link LoggedEvent} of the same name (the one definition of payloads, which the reports read);
 * outputs and snapshot contents go to the output store, linked by id. Reading back reverses this.
 */
public final class AuditEventSink implements RunStore {

    private static final int EARLIER_RUNS = 50;

    private final AuditStore audit;
    // Operator.current asks the OS for the host name: once per operator, not once per event.
    private final Map<String, Operator> operators = new java.util.concurrent.ConcurrentHashMap<>();

    public AuditEventSink(AuditStore audit) {
        this.audit = audit;
    }

    @Override
    public void append(String runId, String operator, RunEvent event) {
        submit(runId, operator, event).await();
    }

    /**
     * Queued in the audit store, so the events of many host threads share one commit; an output or
     * snapshot content goes into that same commit (no transaction of its own).
     */
    @Override
    public Durable submit(String runId, String operator, RunEvent event) {
        return submitAll(runId, operator, List.of(event));
    }

    /** All in one transaction, in this order. */
    @Override
    public Durable submitAll(String runId, String operator, List<RunEvent> events) {
        RunEvent current = null;
        try {
            Operator who = operators.computeIfAbsent(operator == null || operator.isBlank() ? "?" : operator,
                    Operator::current);
            List<NewEvent> batch = new ArrayList<>(events.size());
            List<StagedOutput> staged = new ArrayList<>();
            for (RunEvent event : events) {
                current = event;
                ObjectNode json = EventJson.toJson(event);
                moveToOutputs(runId, event.host(), json, "output", "outputId", staged);
                moveToOutputs(runId, event.host(), json, "content", "contentId", staged);
                String kind = json.get(EventJson.KIND).asText();
                // A run event the log has no record for yet is kept whole as a note, so nothing is lost.
                batch.add(EventPayloads.known(kind)
                        ? NewEvent.of(runId, who, event.host(), EventPayloads.parse(json))
                        : new NewEvent(runId, who, event.host(), EventType.NOTE, json));
            }
            AuditStore.Pending pending = audit.submit(batch, staged);
            RunEvent first = events.isEmpty() ? null : events.get(0);
            return () -> {
                try {
                    pending.await();
                } catch (AuditException e) {
                    throw cannotRecord(runId, first, e);
                }
            };
        } catch (AuditException | IllegalArgumentException e) {
            throw cannotRecord(runId, current, e);
        }
    }

    private static EventSinkException cannotRecord(String runId, RunEvent event, RuntimeException e) {
        String what = event == null ? "events" : event.getClass().getSimpleName();
        return new EventSinkException("cannot record " + what + " for run " + runId
                + ": " + e.getMessage(), e);
    }

    @Override
    public void registerSecrets(Collection<String> values) {
        audit.masker().addAll(values);
    }

    /**
     * Stages the text under {@code field} for the output store (stored with the event); the payload
     * keeps its id under {@code idField}.
     */
    private void moveToOutputs(String runId, String host, ObjectNode payload, String field, String idField,
                               List<StagedOutput> staged) {
        JsonNode v = payload.remove(field);
        if (v == null || v.isNull()) {
            return;
        }
        StagedOutput out = audit.stageOutput(runId, host, v.asText());
        staged.add(out);
        OutputRef ref = out.ref();
        payload.put(idField, ref.id());
        if (field.equals("output")) {
            payload.put("outputSha256", ref.sha256());
        }
    }

    @Override
    public List<RunEvent> events(String runId) {
        return events(runId, a -> true);
    }

    /**
     * The engine events of a run whose audit event passes {@code keep}; outputs are read only for those.
     * Events other writers stored (terminals, earlier versions without {@code kind}) are not the engine's.
     */
    private List<RunEvent> events(String runId, java.util.function.Predicate<AuditEvent> keep) {
        List<RunEvent> out = new ArrayList<>();
        for (AuditEvent a : audit.timeline(runId)) {
            if (!keep.test(a) || !a.payload().has(EventPayloads.KIND)) {
                continue;
            }
            LoggedEvent logged = a.event();
            ObjectNode p = logged instanceof LoggedEvent.Other ? a.payload().deepCopy() : EventPayloads.payload(logged);
            restore(p, "output", "outputId");
            restore(p, "content", "contentId");
            RunEvent e = EventJson.fromJson(p);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private void restore(ObjectNode p, String field, String idField) {
        JsonNode id = p.get(idField);
        if (id != null && !id.isNull()) {
            p.put(field, audit.readOutput(id.asText()).orElse(""));
        }
    }

    @Override
    public List<RunEvent> approvalEvents(String runId) {
        return events(runId, a -> a.type() == EventType.APPROVAL_REQUESTED || a.type() == EventType.STEP_APPROVED
                || a.type() == EventType.STEP_STARTED || a.type() == EventType.STEP_SKIPPED
                || a.type() == EventType.RUN_STARTED || a.type() == EventType.OPERATOR_HANDOVER || a.type().endsRun()
                || a.type() == EventType.NOTE);
    }

    @Override
    public Map<String, List<Duration>> stepDurations(String runbookId, String exceptRunId) {
        Map<String, List<Duration>> out = new LinkedHashMap<>();
        for (RunSummary r : audit.runs(RunQuery.all().runbook(runbookId).limit(EARLIER_RUNS + 1))) {
            if (r.runId().equals(exceptRunId)) {
                continue;
            }
            StepDurations.collect(events(r.runId(), a -> a.type() == EventType.STEP_STARTED
                            || a.type() == EventType.STEP_FINISHED))
                    .forEach((step, d) -> out.computeIfAbsent(step, k -> new ArrayList<>()).add(d));
        }
        return out;
    }

    @Override
    public Optional<SnapshotRecord> lastSnapshot(String runbookId, String environment, String name, String host) {
        // runs() lists the newest first: the first run holding such a snapshot has the latest.
        for (RunSummary r : audit.runs(RunQuery.all().runbook(runbookId).environment(environment))) {
            RunEvent.SnapshotTaken last = null;
            for (RunEvent e : events(r.runId(), a -> a.type() == EventType.SNAPSHOT_TAKEN)) {
                if (e instanceof RunEvent.SnapshotTaken s && s.name().equals(name) && host.equals(s.host())) {
                    last = s;
                }
            }
            if (last != null) {
                return Optional.of(new SnapshotRecord(r.runId(), last.content()));
            }
        }
        return Optional.empty();
    }
}
