package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.testing.TestClock;
import dev.belay.audit.StepDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window clock (its medians of earlier runs, read through the engine's {@link RunStore}) and
 * History (the audit log's step durations) measure a step by one rule: first start to last finish,
 * and only a step that passed counts towards the median of earlier runs.
 */
class StepTimeRuleTest {

    @TempDir
    Path dir;

    @Test
    void theWindowClockAndHistoryMeasureARetriedStepTheSameWay() {
        TestClock clock = TestClock.ticking(TestClock.MORNING);
        try (AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")), clock)) {
            AuditEventSink sink = new AuditEventSink(audit);
            // run 1: "a" fails after 10 s, is retried 20 s later and passes 30 s after that; "b" fails
            record("r1", sink, clock);
            // run 2: the same shape, so its History row has run 1 as the earlier run
            record("r2", sink, clock);

            Map<String, List<Duration>> windowClock = sink.stepDurations("rule", "r2");
            assertThat(windowClock).containsOnlyKeys("a");
            long a = windowClock.get("a").get(0).toMillis();
            assertThat(a).as("first start to last finish: the failed attempt and the pause count").isBetween(60_000L, 60_020L);

            Map<String, StepDuration> history = new java.util.HashMap<>();
            audit.stepDurations("r2").forEach(s -> history.put(s.stepId(), s));
            assertThat(history.get("a").actual().toMillis()).isBetween(60_000L, 60_020L);
            assertThat(history.get("a").medianOfEarlier().toMillis()).isEqualTo(a);
            assertThat(history.get("a").earlierRuns()).isEqualTo(1);
            // "b" failed in run 1: it says nothing of how long b takes, in History as in the window clock
            assertThat(history.get("b").actual()).isNotNull();
            assertThat(history.get("b").medianOfEarlier()).isNull();
            assertThat(history.get("b").earlierRuns()).isZero();
        }
    }

    private static void record(String runId, AuditEventSink sink, TestClock clock) {
        sink.append(runId, "alice", new RunEvent.RunStarted(clock.instant(), runId, "rule", 1, "hash", null, null, "test",
                "alice", RunMode.LIVE, null, false, false, Map.of()));
        sink.append(runId, "alice", new RunEvent.StepStarted(clock.instant(), "a", "A", null, Phase.MAIN, List.of()));
        clock.advance(Duration.ofSeconds(10));
        sink.append(runId, "alice", new RunEvent.StepFinished(clock.instant(), "a", false, "exit 1"));
        clock.advance(Duration.ofSeconds(20));
        sink.append(runId, "alice", new RunEvent.StepStarted(clock.instant(), "a", "A", null, Phase.MAIN, List.of()));
        clock.advance(Duration.ofSeconds(30));
        sink.append(runId, "alice", new RunEvent.StepFinished(clock.instant(), "a", true, null));
        sink.append(runId, "alice", new RunEvent.StepStarted(clock.instant(), "b", "B", null, Phase.MAIN, List.of()));
        clock.advance(Duration.ofSeconds(5));
        sink.append(runId, "alice", new RunEvent.StepFinished(clock.instant(), "b", false, "exit 1"));
        sink.append(runId, "alice", new RunEvent.RunFinished(clock.instant(), RunStatus.ABORTED, "test"));
    }
}
