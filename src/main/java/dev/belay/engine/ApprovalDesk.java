package dev.belay.engine;

import dev.belay.audit.AuditStore;
import dev.belay.audit.RunQuery;
import dev.belay.audit.RunSummary;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Approvals from outside the run's window: another operator's Belay (History) or {@code belay approve},
 * pointed at the same audit database. An approval is checked against the stored events by the
 * rules the live run uses, then appended under the approver's name; the live run picks it up from there.
 */
public final class ApprovalDesk {

    /** Unfinished runs looked at for pending approvals, newest first. */
    private static final int RECENT_RUNS = 200;

    private final AuditStore audit;
    private final RunStore store;
    private final Clock clock;

    public ApprovalDesk(AuditStore audit, Clock clock) {
        this.audit = audit;
        this.store = new AuditEventSink(audit);
        this.clock = clock;
    }

    public ApprovalDesk(AuditStore audit) {
        this(audit, Clock.systemUTC());
    }

    /** Every point of no return that waits for approvals, in runs that have not ended. */
    public List<ApprovalState> pending() {
        List<ApprovalState> out = new ArrayList<>();
        for (RunSummary r : audit.runs(RunQuery.all().limit(RECENT_RUNS))) {
            if (r.endedAt() == null) {
                out.addAll(ApprovalLedger.of(store.approvalEvents(r.runId())).pending());
            }
        }
        return out;
    }

    /**
     * Approves step {@code stepId} of run {@code runId} as {@code approver}, who typed {@code typedEnvironment}.
     *
     * @throws IllegalArgumentException when the run or step is unknown or the typed name is wrong
     * @throws IllegalStateException    when the step does not wait for this approval
     */
    public RunEvent.StepApproved approve(String runId, String stepId, String approver, String typedEnvironment,
                                         String note) {
        List<RunEvent> events = store.approvalEvents(runId);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " is not in the audit log " + audit.location()
                    + " (belay audit runs lists them; approve against the run's own --db)");
        }
        ApprovalLedger ledger = ApprovalLedger.of(events);
        ApprovalState a = ledger.pending(stepId).orElseThrow(() -> new IllegalStateException("step '" + stepId
                + "' of run " + runId + " does not wait for approvals (waiting: " + String.join(", ",
                ledger.pending().stream().map(ApprovalState::stepId).toList()) + ")"));
        a.check(approver, typedEnvironment);
        RunEvent.StepApproved event = new RunEvent.StepApproved(clock.instant(), stepId, approver.strip(),
                note == null || note.isBlank() ? null : audit.masker().mask(note.strip()), false);
        store.append(runId, approver.strip(), event);
        return event;
    }
}
