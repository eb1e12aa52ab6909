package dev.belay.engine;

/** A command the engine accepts while it waits for the operator. */
public enum Option {
    RUN, CONFIRM, SKIP, RETRY, ABORT, ROLLBACK, OVERRIDE_PREFLIGHT, RESOLVE_UNKNOWN
}
