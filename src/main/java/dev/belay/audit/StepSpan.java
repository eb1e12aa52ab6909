package dev.belay.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The one rule for how long a step takes, shared by History ({@link StepTimes}: a run's step times
 * and the median of earlier runs) and the engine's window clock (its projections from earlier runs):
 * a step runs from its first start in a run to its last finish, so a retry and the wait for the
 * operator's tick count, as they did in the window. Only a step that passed says how long the step
 * takes: a failed or unfinished one is left out of the median of earlier runs.
 */
public final class StepSpan {

    private Instant started;
    private Instant finished;
    private boolean passed;

    /** The step started (again): only its first start counts. */
    public void started(Instant at) {
        if (started == null) {
            started = at;
        }
    }

    /** The step finished (again): its last finish counts, and whether that one passed. */
    public void finished(Instant at, boolean passed) {
        finished = at;
        this.passed = passed;
    }

    /** How long the step took in this run, or null when it never started or never finished. */
    public Duration took() {
        return started == null || finished == null ? null : Duration.between(started, finished);
    }

    /** What this run tells of how long the step takes: its length if it passed, else null. */
    public Duration sample() {
        return passed ? took() : null;
    }

    /** The median of {@code samples} (the lower and upper middle averaged), or null when there are none. */
    public static Duration median(List<Duration> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        List<Duration> sorted = samples.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }
}
