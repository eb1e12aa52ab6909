package dev.belay.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A live run's side of a point of no return: it records the request when the engine first stops
 * there, gives the operator's approval under {@code --auto-confirm}, takes approvals from the run
 * window, and adopts approvals another Belay wrote to the same audit database. Runs on the control thread.
 */
final class NoReturnGate {

    private final String runId;
    private final StepContext env;
    private final RunJournal journal;
    private final RunHistory history;

    NoReturnGate(String runId, StepContext env, RunHistory history) {
        this.runId = runId;
        this.env = env;
        this.journal = env.journal();
        this.history = history;
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
        ApprovalState a = journal.read(m -> NoReturn.state(m, m.step(stepId).planned()));
        boolean changed = false;
        if (!journal.read(m -> m.approvals().requested(stepId))) {
            env.emit(new RunEvent.ApprovalRequested(env.clock().instant(), stepId, a.title(), a.required(),
                    a.environment(), a.cannotUndo()));
            changed = true;
        }
        if (env.autoConfirm() && !a.operatorApproved()) {
            env.emit(new RunEvent.StepApproved(env.clock().instant(), stepId, a.operator(), null, true));
            changed = true;
        }
        return changed;
    }

    /** An approval given in this run's window: checked like any other, then recorded under the approver's name. */
    void approve(String stepId, String approver, String typedEnvironment, String note) {
        ApprovalState a = journal.read(m -> {
            RunModel.StepModel s = m.step(stepId);
            Awaiting w = m.awaiting();
            if (!NoReturn.guarded(m, s) || w == null || !w.options().contains(Option.APPROVE)
                    || !stepId.equals(w.stepId())) {
                throw new IllegalStateException("step '" + stepId + "' does not wait for approvals now");
            }
            return NoReturn.state(m, s.planned());
        });
        a.check(approver, typedEnvironment);
        env.emit(new RunEvent.StepApproved(env.clock().instant(), stepId, approver.strip(),
                note == null || note.isBlank() ? null : env.masker().mask(note.strip()), false));
    }

    /** RUN at a point of no return is refused until its approvals are complete: the engine never starts it early. */
    void requireApproved(String stepId) {
        ApprovalState missing = journal.read(m -> {
            RunModel.StepModel s = m.step(stepId);
            if (!NoReturn.guarded(m, s)) {
                return null;
            }
            ApprovalState a = NoReturn.state(m, s.planned());
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
        Awaiting waiting = journal.read(RunModel::awaiting);
        if (waiting == null || !waiting.options().contains(Option.APPROVE)) {
            return false;
        }
        List<RunEvent> fresh = new ArrayList<>();
        for (RunEvent e : history.approvalEvents(runId)) {
            if (e instanceof RunEvent.StepApproved a && journal.read(m -> m.approvals().approvers(a.stepId()).stream()
                    .noneMatch(x -> ApprovalState.same(x, a.approver())))) {
                fresh.add(e);
            }
        }
        fresh.forEach(journal::adopt);
        return !fresh.isEmpty();
    }
}
