package dev.belay.engine;

/** Where a run stands as a whole. */
public enum RunStatus {
    NOT_STARTED, RUNNING, WAITING_FOR_OPERATOR, COMPLETED, FAILED, ROLLED_BACK, ABORTED;

    /** True once the run can no longer go on. */
    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == ROLLED_BACK || this == ABORTED;
    }
}
