package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projections from medians of earlier runs or estimates, and the two warnings. */
class WindowClockTest {

    private static final Instant START = Instant.parse("2026-11-25T22:00:00Z");

    private static Plan plan() {
        Rb rb = new Rb("clock");
        rb.estimate = Duration.ofMinutes(30);
        rb.steps.add(run("a", "web", "true"));
        rb.steps.add(run("b", "web", "true"));
        rb.steps.add(Rb.waitFor("c", Duration.ofMinutes(10)));
        rb.rollback.add(Rb.waitFor("undo", Duration.ofMinutes(20)));
        return new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), Rb.inventory("t", 1), Map.of());
    }

    private static RunState state(Plan plan, Instant windowEnd) {
        RunModel m = new RunModel(plan);
        m.apply(new RunEvent.RunStarted(START, "r", "clock", 1, "h", null, null, "t", "op", RunMode.LIVE, windowEnd,
                false, false, Map.of()));
        return m.snapshot();
    }

    @Test
    void medianOfEarlierRunsWinsOverTheEstimateWhichWinsOverTheShare() {
        Plan plan = plan();
        WindowClock clock = new WindowClock(plan, Map.of("a", dev.belay.audit.StepSpan.median(
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(9), Duration.ofMinutes(2)))));
        assertThat(clock.expected(plan.steps().get(0))).isEqualTo(Duration.ofMinutes(2));
        assertThat(clock.expected(plan.steps().get(2))).isEqualTo(Duration.ofMinutes(10));
        // 30m estimate minus the wait's 10m, shared by the two steps without an estimate
        assertThat(clock.expected(plan.steps().get(1))).isEqualTo(Duration.ofMinutes(10));
        WindowStatus w = clock.at(state(plan, START.plus(Duration.ofHours(2))), START);
        assertThat(w.remaining()).isEqualTo(Duration.ofMinutes(22));
        assertThat(w.projectedEnd()).isEqualTo(START.plus(Duration.ofMinutes(22)));
        assertThat(w.lastRollbackStart()).isEqualTo(START.plus(Duration.ofMinutes(100)));
        assertThat(w.warnings()).isEmpty();
    }

    @Test
    void warnsWhenTheProjectionPassesTheEndAndWhenTheLastRollbackPointIsNear() {
        Plan plan = plan();
        WindowClock clock = new WindowClock(plan, Map.of());
        WindowStatus tight = clock.at(state(plan, START.plus(Duration.ofMinutes(21))), START);
        assertThat(tight.warnings()).contains(WindowStatus.Warning.PROJECTED_PAST_END,
                WindowStatus.Warning.ROLLBACK_POINT_NEAR);
        WindowStatus roomy = clock.at(state(plan, START.plus(Duration.ofHours(3))), START);
        assertThat(roomy.warnings()).isEmpty();
        WindowStatus none = clock.at(state(plan, null), START);
        assertThat(none.timeLeft()).isNull();
        assertThat(none.warnings()).isEmpty();
    }
}
