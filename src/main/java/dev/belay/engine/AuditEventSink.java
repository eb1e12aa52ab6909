package dev.belay.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditException;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.OutputRef;
import dev.belay.audit.RunQuery;
import dev.belay.audit.RunSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's {@link RunStore} over the audit log. Each run event becomes one audit event of the
 * matching {@link EventType}, its payload the event's fields plus the names the audit reports read;
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
        try {
            ObjectNode payload = EventJson.toJson(event);
            aliases(event, payload);
            moveToOutputs(runId, event.host(), payload, "output");
            moveToOutputs(runId, event.host(), payload, "content");
            audit.append(new NewEvent(runId, operators.computeIfAbsent(
                    operator == null || operator.isBlank() ? "?" : operator, Operator::current),
                    event.host(), type(event), payload));
        } catch (AuditException e) {
            throw new EventSinkException("cannot record " + event.getClass().getSimpleName() + " for run " + runId
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void registerSecrets(Collection<String> values) {
        audit.masker().addAll(values);
    }

    /** The audit type an event is filed under (the payload's {@code kind} keeps the exact event). */
    static EventType type(RunEvent e) {
        if (e instanceof RunEvent.RunStarted || e instanceof RunEvent.RunResumed) {
            return e instanceof RunEvent.RunStarted ? EventType.RUN_STARTED : EventType.NOTE;
        } else if (e instanceof RunEvent.RunFinished) {
            return EventType.RUN_FINISHED;
        } else if (e instanceof RunEvent.RunAborted) {
            return EventType.RUN_ABORTED;
        } else if (e instanceof RunEvent.Handover) {
            return EventType.OPERATOR_HANDOVER;
        } else if (e instanceof RunEvent.StepStarted) {
            return EventType.STEP_STARTED;
        } else if (e instanceof RunEvent.StepFinished || e instanceof RunEvent.HostFinished
                || e instanceof RunEvent.GateChecked) {
            return EventType.STEP_FINISHED;
        } else if (e instanceof RunEvent.StepSkipped) {
            return EventType.STEP_SKIPPED;
        } else if (e instanceof RunEvent.StepConfirmed) {
            return EventType.STEP_CONFIRMED;
        } else if (e instanceof RunEvent.CommandStarted) {
            return EventType.COMMAND_STARTED;
        } else if (e instanceof RunEvent.CommandFinished) {
            return EventType.COMMAND_FINISHED;
        } else if (e instanceof RunEvent.ExpectationChecked x) {
            return x.passed() ? EventType.EXPECTATION_PASSED : EventType.EXPECTATION_FAILED;
        } else if (e instanceof RunEvent.ValueCaptured) {
            return EventType.EXPECTATION_PASSED;
        } else if (e instanceof RunEvent.SnapshotTaken) {
            return EventType.SNAPSHOT_TAKEN;
        } else if (e instanceof RunEvent.MonitorChanged m) {
            return m.up() ? EventType.MONITOR_UP : EventType.MONITOR_DOWN;
        } else if (e instanceof RunEvent.RollbackStarted) {
            return EventType.ROLLBACK_STARTED;
        } else if (e instanceof RunEvent.PreflightOverridden) {
            return EventType.PREFLIGHT_OVERRIDDEN;
        } else if (e instanceof RunEvent.OutcomeResolved) {
            return EventType.OUTCOME_RESOLVED;
        } else if (e instanceof RunEvent.TerminalRequested) {
            return EventType.TERMINAL_OPENED;
        } else if (e instanceof RunEvent.ApprovalRequested) {
            return EventType.APPROVAL_REQUESTED;
        } else if (e instanceof RunEvent.StepApproved) {
            return EventType.STEP_APPROVED;
        }
        return EventType.NOTE;
    }

    /** The field names the audit's run lists and reports read. */
    private static void aliases(RunEvent event, ObjectNode p) {
        if (event instanceof RunEvent.RunStarted s) {
            p.put("inventory", s.inventoryPath());
            p.put("revision", Integer.toString(s.revision()));
        } else if (event instanceof RunEvent.RunFinished f) {
            p.put("outcome", switch (f.status()) {
                case COMPLETED -> "succeeded";
                case ROLLED_BACK -> "rolled_back";
                default -> "aborted";
            });
        } else if (event instanceof RunEvent.StepFinished f) {
            p.put("status", f.passed() ? "passed" : "failed");
        } else if (event instanceof RunEvent.HostFinished h) {
            p.put("status", (h.passed() ? "passed on " : "failed on ") + h.host());
        } else if (event instanceof RunEvent.GateChecked g) {
            p.put("status", (g.passed() ? "gate held after batch " : "gate failed after batch ") + g.batch());
        } else if (event instanceof RunEvent.ValueCaptured c) {
            p.put("expectation", "capture: " + c.name());
            p.put("expected", "a value for " + c.name());
            p.put("seen", c.name() + " = " + c.value());
        } else if (event instanceof RunEvent.RunResumed r) {
            p.put("text", "run resumed by " + r.operator() + (r.unknownOutcomes().isEmpty() ? ""
                    : "; outcome unknown: " + String.join(", ", r.unknownOutcomes())));
        } else if (event instanceof RunEvent.CommandFinished f) {
            if (f.exitCode() != null) {
                p.put("exitStatus", f.exitCode());
            }
            p.put("durationMillis", f.millis());
        } else if (event instanceof RunEvent.MonitorChanged m) {
            p.put("monitor", m.monitorId());
        } else if (event instanceof RunEvent.NoteAdded n) {
            p.put("text", n.text());
        } else if (event instanceof RunEvent.WindowWarning w) {
            p.put("text", "window: " + w.message());
        } else if (event instanceof RunEvent.ApprovalRequested a) {
            p.put("text", "point of no return: " + a.title() + " waits for " + a.required()
                    + (a.required() == 1 ? " approval" : " approvals"));
        } else if (event instanceof RunEvent.StepApproved a) {
            p.put("text", a.approver() + " approved " + a.stepId() + (a.auto() ? " (--auto-confirm)" : "")
                    + (a.note() == null ? "" : ": " + a.note()));
        }
    }

    private void moveToOutputs(String runId, String host, ObjectNode payload, String field) {
        JsonNode v = payload.get(field);
        if (v == null || v.isNull()) {
            return;
        }
        OutputRef ref = audit.storeOutput(runId, host, v.asText());
        payload.remove(field);
        payload.put(field + "Id", ref.id());
        payload.put("outputId", ref.id());
        payload.put("outputSha256", ref.sha256());
    }

    @Override
    public List<RunEvent> events(String runId) {
        return events(runId, a -> true);
    }

    /** The engine events of a run whose audit event passes {@code keep}; outputs are read only for those. */
    private List<RunEvent> events(String runId, java.util.function.Predicate<AuditEvent> keep) {
        List<RunEvent> out = new ArrayList<>();
        for (AuditEvent a : audit.timeline(runId)) {
            if (!keep.test(a)) {
                continue;
            }
            ObjectNode p = a.payload().deepCopy();
            restore(p, "output");
            restore(p, "content");
            RunEvent e = EventJson.fromJson(p);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    private void restore(ObjectNode p, String field) {
        JsonNode id = p.get(field + "Id");
        if (id != null) {
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
