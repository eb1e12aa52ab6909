package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.lab.LabClock;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.Gate;
import dev.belay.runbook.Retry;
import dev.belay.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs paced by a sped-up lab clock (real SSH on loopback, a real H2 audit log): gate retries and
 * waits take lab time, so an hour-long gate is over within the test's bound, and the audit's
 * timestamps are the lab's (an hour apart, not a second).
 */
class PacingTest {

    /** Bound for a run to settle; at speed 3600 the hour-long waits below take about a second. */
    private static final Duration T = Duration.ofMinutes(2);

    @RegisterExtension
    static final WebLab LAB = new WebLab(2);

    @TempDir
    Path dir;
    AuditStore audit;
    RunController run;

    @AfterEach
    void tearDown() {
        if (run != null) {
            run.close();
        }
        if (audit != null) {
            audit.close();
        }
    }

    private RunState runPaced(Rb rb, double speed) throws InterruptedException {
        LabClock lab = LabClock.speeded(speed);
        return runPaced(rb, new Pacing(lab.asClock(), lab::speed));
    }

    private RunState runPaced(Rb rb, Pacing pacing) throws InterruptedException {
        audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
        RunEngine engine = new RunEngine(LAB.transport(), new AuditEventSink(audit), pacing);
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of());
        run = engine.start(plan, RunOptions.live("alice"));
        return run.awaitSettled(T);
    }

    @Test
    void aGateThatRetriesForAnHourOfLabTimeGivesUpAfterTheLabHour() throws InterruptedException {
        Rb rb = new Rb("paced-gate");
        Gate gate = new Gate(Rb.sel("web[0]"), "echo not-yet", List.of(new Expectation.Contains("ready")),
                new Retry(Duration.ofMinutes(10), Duration.ofHours(1)), null);
        rb.steps.add(Rb.with(run("roll", "web", "echo rolled"), 1, null, null, false, gate, null, null, null));
        // A lab at 600x on a wall clock that moves only while the run sleeps: the real waits asked
        // for are recorded, and each try's own real time (lab minutes on a loaded machine) counts for
        // nothing, so the tries and their lab times are exact.
        TestClock wall = SimulatedSleep.wall();
        LabClock lab = new LabClock(wall, 600);
        List<Long> realSleeps = new java.util.concurrent.CopyOnWriteArrayList<>();
        Pacing.Sleeper moveWall = SimulatedSleep.on(wall);
        RunState s = runPaced(rb, new Pacing(lab.asClock(), lab::speed, (cancel, realMillis) -> {
            realSleeps.add(realMillis);
            return moveWall.sleep(cancel, realMillis);
        }));

        assertThat(s.awaiting()).as("the run stops at the failed gate").isNotNull();
        assertThat(s.awaiting().stepId()).isEqualTo("roll");
        assertThat(realSleeps).as("10 lab minutes at 600x is one real second").containsOnly(1_000L);
        List<RunEvent> events = new AuditEventSink(audit).events(run.runId());
        List<Instant> gateTries = events.stream().filter(e -> e instanceof RunEvent.CommandStarted c
                && c.stepId().equals("roll") && c.purpose() != null && c.purpose().contains("gate"))
                .map(RunEvent::at).toList();
        // every 10 lab minutes within the lab hour: at 0, 10, ... 50; a try at 60 would be past it
        assertThat(gateTries).hasSize(6);
        for (int i = 1; i < gateTries.size(); i++) {
            assertThat(Duration.between(gateTries.get(i - 1), gateTries.get(i))).isEqualTo(Duration.ofMinutes(10));
        }
        assertThat(s.step("roll").orElseThrow().host("web-2").orElseThrow().status())
                .as("the rollout stopped before web-2").isEqualTo(HostStatus.NOT_TOUCHED);
    }

    @Test
    void aWaitStepWaitsLabTimeAndTheAuditRecordsLabTimes() throws InterruptedException {
        Rb rb = new Rb("paced-wait");
        rb.steps.add(Rb.waitFor("settle", Duration.ofHours(2)));
        rb.steps.add(run("after", "web[0]", "echo done", new Expectation.Contains("done")));

        // On a wall clock that moves only while the run sleeps, as above: on the real clock at 7200x the
        // microseconds between the engine's reads of the lab clock are a third of a lab second (CI once
        // recorded 1:59:59.715 for the 2 h wait), which says nothing about the wait itself.
        TestClock wall = SimulatedSleep.wall();
        LabClock lab = new LabClock(wall, 7200);
        RunState s = runPaced(rb, new Pacing(lab.asClock(), lab::speed, SimulatedSleep.on(wall)));

        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        List<RunEvent> events = new AuditEventSink(audit).events(run.runId());
        Instant started = events.stream().filter(e -> e instanceof RunEvent.StepStarted st && st.stepId().equals("settle"))
                .map(RunEvent::at).findFirst().orElseThrow();
        Instant finished = events.stream().filter(e -> e instanceof RunEvent.StepFinished f && f.stepId().equals("settle"))
                .map(RunEvent::at).findFirst().orElseThrow();
        assertThat(Duration.between(started, finished)).isGreaterThanOrEqualTo(Duration.ofHours(2));
    }
}
