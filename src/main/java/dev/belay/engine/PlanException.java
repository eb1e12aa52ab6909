package dev.belay.engine;

/** A runbook, inventory and vars that do not make a plan; the message names the step and the fix. */
public final class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
