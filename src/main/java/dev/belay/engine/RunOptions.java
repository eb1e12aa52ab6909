package dev.belay.engine;

import java.time.Instant;

/**
 * How a run starts: who runs it, live or dry, the window's end (null when none), whether manual
 * steps are ticked automatically (audited as such), whether each step waits for the operator's
 * go, and whether it is a rehearsal (trainers rehearse on staging).
 */
public record RunOptions(String operator, RunMode mode, Instant windowEnd, boolean autoConfirm, boolean stepByStep,
                         boolean rehearsal) {

    public RunOptions {
        if (operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("a run needs an operator name (--operator NAME)");
        }
        mode = mode == null ? RunMode.LIVE : mode;
    }

    public static RunOptions live(String operator) {
        return new RunOptions(operator, RunMode.LIVE, null, false, false, false);
    }

    public RunOptions withAutoConfirm(boolean on) {
        return new RunOptions(operator, mode, windowEnd, on, stepByStep, rehearsal);
    }

    public RunOptions withWindowEnd(Instant end) {
        return new RunOptions(operator, mode, end, autoConfirm, stepByStep, rehearsal);
    }

    public RunOptions withStepByStep(boolean on) {
        return new RunOptions(operator, mode, windowEnd, autoConfirm, on, rehearsal);
    }
}
