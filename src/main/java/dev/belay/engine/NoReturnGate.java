package dev.belay.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A live run's side of a point of no return: it records the request when the engine first stops
 * there, gives the operator's approval under {@code --auto-confirm}, takes approvals from the run
 * window, and adopts approvals another Belay wrote to the same audit database. Runs on the control thread.
 */
final class NoReturnGate {

    private final RunJournal journal;
    private final RunHistory history;
    private final String runId;
    private final Clock clock;
    private final Consumer<RunEvent> emit;
    private final boolean autoConfirm;

    NoReturnGate(String runId, RunJournal journal, RunHistory history, Clock clock, Consumer<RunEvent> emit,
                 boolean autoConfirm) {
        this.runId = runId;
        this.journal = journal;
        this.history = history;
        this.clock = clock;
        this.emit = emit;
        this.autoConfirm = autoConfirm;
    }

    /**
     * The engine asks: at a point of no return, record the request once, and with {@code --auto-confirm}
     * the operator's approval (the one an unattended run can give). True when an event changed the state.
     */
    boolean asked(Awaiting awaiting) {
        if (awaiting.stepId() == null || !awaiting.options().contains(Option.APPROVE)) {
            return false;
        }
        String stepId = awaiting.stepId();
        ApprovalState a = journal.read(m -> NoReturn.state(m, m.step(stepId).planned));
        boolean changed = false;
        if (!journal.read(m -> m.approvals.requested(stepId))) {
            emit.accept(new RunEvent.ApprovalRequested(clock.instant(), stepId, a.title(), a.required(),
                    a.environment(), a.cannotUndo()));
            changed = true;
        }
        if (autoConfirm && !a.operatorApproved()) {
            emit.accept(new RunEvent.StepApproved(clock.instant(), stepId, a.operator(), null, true));
            changed = true;
        }
        return changed;
    }

    /** An approval given in this run's window: checked like any other, then recorded under the approver's name. */
    void approve(String stepId, String approver, String typedEnvironment, String note) {
        ApprovalState a = journal.read(m -> {
            RunModel.StepModel s = m.step(stepId);
            if (!NoReturn.guarded(m, s) || m.awaiting == null || !m.awaiting.options().contains(Option.APPROVE)
                    || !stepId.equals(m.awaiting.stepId())) {
                throw new IllegalStateException("step '" + stepId + "' does not wait for approvals now");
            }
            return NoReturn.state(m, s.planned);
        });
        a.check(approver, typedEnvironment);
        emit.accept(new RunEvent.StepApproved(clock.instant(), stepId, approver.strip(), note, false));
    }

    /** RUN at a point of no return is refused until its approvals are complete: the engine never starts it early. */
    void requireApproved(String stepId) {
        ApprovalState missing = journal.read(m -> {
            RunModel.StepModel s = m.step(stepId);
            if (!NoReturn.guarded(m, s)) {
                return null;
            }
            ApprovalState a = NoReturn.state(m, s.planned);
            return a.complete() ? null : a;
        });
        if (missing != null) {
            throw new IllegalStateException("step '" + stepId + "' is a point of no return: it starts once "
                    + missing.required() + (missing.required() == 1 ? " person approves" : " people approve")
                    + " by typing the environment's name (" + missing.environment() + "); waiting for "
                    + missing.waitingFor());
        }
    }

    /**
     * Approvals stored by another Belay on the same audit database (History, {@code belay approve})
     * while this run waits: applied to the state without storing them twice. True when any was new.
     */
    boolean adoptStored() {
        Awaiting waiting = journal.read(m -> m.awaiting);
        if (waiting == null || !waiting.options().contains(Option.APPROVE)) {
            return false;
        }
        List<RunEvent> fresh = new ArrayList<>();
        for (RunEvent e : history.approvalEvents(runId)) {
            if (e instanceof RunEvent.StepApproved a && journal.read(m -> m.approvals.approvers(a.stepId()).stream()
                    .noneMatch(x -> ApprovalState.same(x, a.approver())))) {
                fresh.add(e);
            }
        }
        fresh.forEach(journal::adopt);
        return !fresh.isEmpty();
    }
}
