package dev.belay.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Projects the end of a run from its remaining steps: each step takes the median of its earlier runs
 * (same runbook) where there are any, else its estimate, else its share of the runbook's estimate.
 * Warns when the projection passes the window end, and when the last point where a rollback still
 * fits in the window is near: within a tenth of the window (at least 30 s).
 */
public final class WindowClock {

    static final Duration FALLBACK_STEP = Duration.ofMinutes(1);
    private static final Duration MIN_MARGIN = Duration.ofSeconds(30);

    private final Plan plan;
    private final Map<String, Duration> medians;
    private final Duration share;

    /** @param medians per step id, the median duration of earlier runs of this runbook */
    public WindowClock(Plan plan, Map<String, Duration> medians) {
        this.plan = plan;
        this.medians = Map.copyOf(medians);
        this.share = share(plan);
    }

    /** How long {@code step} is expected to take. */
    public Duration expected(PlannedStep step) {
        Duration m = medians.get(step.id());
        if (m != null) {
            return m;
        }
        return step.estimate() != null ? step.estimate() : share;
    }

    public WindowStatus at(RunState state, Instant now) {
        List<PlannedStep> todo = state.rollbackStarted() ? plan.rollback() : plan.steps();
        Duration remaining = remaining(state, todo, now);
        Duration rollback = state.rollbackStarted() ? Duration.ZERO : sum(plan.rollback());
        Instant end = state.windowEnd();
        Instant projected = now.plus(remaining);
        boolean rollbackOpen = !plan.rollback().isEmpty() && !state.pointOfNoReturnPassed() && !state.rollbackStarted()
                && !state.status().ended();
        Instant lastRollback = end != null && rollbackOpen ? end.minus(rollback) : null;
        List<WindowStatus.Warning> warnings = new ArrayList<>();
        if (end != null && projected.isAfter(end) && !state.status().ended()) {
            warnings.add(WindowStatus.Warning.PROJECTED_PAST_END);
        }
        if (lastRollback != null && !now.isBefore(lastRollback.minus(margin(state, end)))) {
            warnings.add(WindowStatus.Warning.ROLLBACK_POINT_NEAR);
        }
        return new WindowStatus(now, end, end == null ? null : Duration.between(now, end), remaining, projected,
                rollback, lastRollback, warnings);
    }

    private Duration remaining(RunState state, List<PlannedStep> todo, Instant now) {
        Duration total = Duration.ZERO;
        for (PlannedStep p : todo) {
            StepState s = state.step(p.id()).orElse(null);
            if (s != null && (s.status().done() || s.status() == StepStatus.PASSED)) {
                continue;
            }
            Duration left = expected(p);
            if (s != null && s.status() == StepStatus.RUNNING) {
                left = left.minus(s.duration(now));
                left = left.isNegative() ? Duration.ZERO : left;
            }
            total = total.plus(left);
        }
        return total;
    }

    private Duration sum(List<PlannedStep> steps) {
        return steps.stream().map(this::expected).reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration margin(RunState state, Instant end) {
        Instant start = state.startedAt() == null ? end : state.startedAt();
        Duration tenth = Duration.between(start, end).dividedBy(10);
        return tenth.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : tenth;
    }

    /** A step without estimate or history gets an even share of what the runbook's estimate leaves. */
    private static Duration share(Plan plan) {
        long unestimated = plan.steps().stream().filter(s -> s.estimate() == null).count();
        if (plan.estimate() == null || unestimated == 0) {
            return FALLBACK_STEP;
        }
        Duration explicit = plan.steps().stream().map(PlannedStep::estimate).filter(d -> d != null)
                .reduce(Duration.ZERO, Duration::plus);
        Duration left = plan.estimate().minus(explicit);
        return left.isNegative() ? Duration.ZERO : left.dividedBy(unestimated);
    }
}
