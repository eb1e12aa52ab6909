package dev.belay.engine;

/**
 * Where a run stands as a whole. A failed step does not end a run (the operator decides what
 * follows): a run ends completed, rolled back or aborted.
 */
public enum RunStatus {
    NOT_STARTED, RUNNING, WAITING_FOR_OPERATOR, COMPLETED, ROLLED_BACK, ABORTED;

    /** True once the run can no longer go on. */
    public boolean ended() {
        return this == COMPLETED || this == ROLLED_BACK || this == ABORTED;
    }
}
