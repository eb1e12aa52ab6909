package dev.belay.audit;

/** The kinds of event the audit log records; stored by name, so never rename a constant. */
public enum EventType {
    RUN_STARTED, RUN_FINISHED, RUN_ABORTED, OPERATOR_HANDOVER,
    STEP_STARTED, STEP_FINISHED, STEP_SKIPPED, STEP_CONFIRMED,
    COMMAND_STARTED, COMMAND_FINISHED,
    EXPECTATION_PASSED, EXPECTATION_FAILED,
    HOST_KEY_DECISION, TERMINAL_OPENED, TERMINAL_CLOSED,
    MONITOR_UP, MONITOR_DOWN, NOTE,
    ROLLBACK_STARTED, PREFLIGHT_OVERRIDDEN, SNAPSHOT_TAKEN, OUTCOME_RESOLVED,
    APPROVAL_REQUESTED, STEP_APPROVED;

    /** True for the events that end a run. */
    public boolean endsRun() {
        return this == RUN_FINISHED || this == RUN_ABORTED;
    }
}
