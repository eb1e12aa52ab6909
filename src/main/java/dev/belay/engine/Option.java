package dev.belay.engine;

/**
 * A command the engine accepts while it waits for the operator. At a point of no return RUN and
 * APPROVE are offered together: RUN is refused until the approvals are in, and the last approval starts the step.
 */
public enum Option {
    RUN, CONFIRM, SKIP, RETRY, ABORT, ROLLBACK, OVERRIDE_PREFLIGHT, RESOLVE_UNKNOWN, APPROVE
}
