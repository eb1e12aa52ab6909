package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.runbook.Expectation;
import dev.belay.runbook.FailurePolicy;
import dev.belay.runbook.Monitor;
import dev.belay.runbook.Step;
import dev.belay.runbook.SnapshotExpect;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.belay.audit.AuditStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine over the practice lab (real SSH on loopback) and the audit log in a real H2 file:
 * the state machine, rolling steps, retries, captures, snapshots, rollback, monitors, dry run, resume.
 */
class RunEngineTest {

    private static final Duration T = Duration.ofSeconds(30);

    @RegisterExtension
    static final WebLab LAB = new WebLab(3);

    @TempDir
    Path dir;
    Transport transport;
    AuditStore audit;
    RunStore store;
    RunEngine engine;
    RunController run;

    @BeforeEach
    void setUp() throws IOException {
        LAB.harness().cleanHomes();
        transport = LAB.transport();
        audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
        store = new AuditEventSink(audit);
        engine = new RunEngine(transport, store);
    }

    @AfterEach
    void tearDown() {
        if (run != null) {
            run.close();
        }
        audit.close();
    }

    private RunController start(Rb rb, RunOptions options) {
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of());
        run = engine.start(plan, options);
        return run;
    }

    private String file(String host, String name) throws IOException {
        Path p = LAB.harness().home(host).resolve(name);
        return Files.exists(p) ? Files.readString(p) : null;
    }

    private void waitForFile(String host, String name) throws Exception {
        long end = System.nanoTime() + T.toNanos();
        while (file(host, name) == null && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    @Test
    void walksPreflightStepsAndConfirmationsToTheEnd() throws Exception {
        Rb rb = new Rb("walk");
        rb.preflight.add(run("ready", "web", "echo ready", new Expectation.Contains("ready")));
        rb.steps.add(run("mark", "web", "echo v2 > version; echo seq 4${host.name} | tr -d web-"));
        rb.steps.add(run("read", "web[0]", "cat version", new Expectation.Capture("ver", "(v\\d+)")));
        rb.steps.add(run("use", "web[1:]", "echo ${ver} > seen"));
        rb.steps.add(Rb.confirm("look", "It looks right"));
        start(rb, RunOptions.live("alice"));

        RunState s = run.awaitSettled(T);
        assertThat(s.awaiting().stepId()).isEqualTo("look");
        assertThat(s.awaiting().options()).contains(Option.CONFIRM, Option.SKIP, Option.ABORT);
        run.confirm("look", "checked the dashboard").get();
        s = run.await(x -> x.status().ended(), T);

        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(s.step("ready").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
        assertThat(s.step("read").orElseThrow().host("web-1").orElseThrow().captures()).containsEntry("ver", "v2");
        assertThat(file("web-3", "seen")).isEqualTo("v2\n");
        assertThat(file("web-1", "seen")).isNull();
        assertThat(s.step("look").orElseThrow().note()).isEqualTo("checked the dashboard");
        List<RunEvent> events = store.events(run.runId());
        assertThat(events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
    }

    @Test
    void rollingStepFailingOnHostTwoLeavesHostThreeUntouchedThenRetryResumesThere() throws Exception {
        Rb rb = new Rb("rolling");
        rb.steps.add(Rb.serial(run("roll", "web", "echo done >> touched; test ! -f broken"), 1));
        Files.createDirectories(LAB.harness().home("web-2"));
        Files.writeString(LAB.harness().home("web-2").resolve("broken"), "x");
        start(rb, RunOptions.live("alice"));

        RunState s = run.awaitSettled(T);
        StepState roll = s.step("roll").orElseThrow();
        assertThat(roll.status()).isEqualTo(StepStatus.FAILED);
        assertThat(roll.message()).contains("web-2").contains("not touched: web-3");
        assertThat(roll.host("web-3").orElseThrow().status()).isEqualTo(HostStatus.NOT_TOUCHED);
        assertThat(roll.host("web-2").orElseThrow().checks().get(0).seen()).contains("exit status 1");
        assertThat(file("web-3", "touched")).isNull();
        assertThat(s.awaiting().options()).containsExactly(Option.RETRY, Option.SKIP, Option.ABORT);
        assertThat(s.status()).isEqualTo(RunStatus.WAITING_FOR_OPERATOR);

        Files.delete(LAB.harness().home("web-2").resolve("broken"));
        run.retry("roll").get();
        s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(file("web-1", "touched")).isEqualTo("done\n");
        assertThat(file("web-2", "touched")).isEqualTo("done\ndone\n");
        assertThat(file("web-3", "touched")).isEqualTo("done\n");
    }

    @Test
    void retrySucceedsOnTheThirdTryAndAnotherRunsOutOfTime() throws Exception {
        // The run's time passes only while it sleeps between attempts (SimulatedSleep), so how many
        // attempts fit the window is exact however long each SSH command takes on a loaded machine.
        engine = new RunEngine(transport, store, SimulatedSleep.pacing());
        Rb rb = new Rb("retry");
        rb.steps.add(Rb.retry(run("third", "web[0]", "echo x >> n; wc -l < n", new Expectation.Contains("3")),
                Duration.ofMillis(200), Duration.ofSeconds(5)));
        rb.steps.add(Rb.retry(run("never", "web[0]", "false"), Duration.ofMillis(200), Duration.ofMillis(700)));
        start(rb, RunOptions.live("alice"));

        RunState s = run.awaitSettled(T);
        HostResult third = s.step("third").orElseThrow().host("web-1").orElseThrow();
        assertThat(third.status()).isEqualTo(HostStatus.PASSED);
        assertThat(third.attempts()).isEqualTo(3);
        StepState never = s.step("never").orElseThrow();
        assertThat(never.status()).isEqualTo(StepStatus.FAILED);
        // tries at 0, 200, 400 and 600 ms; a fifth at 800 would be past the 700 ms
        assertThat(never.host("web-1").orElseThrow().attempts()).isEqualTo(4);
        assertThat(never.message()).contains("(4 attempt(s) within 700ms)");
        List<java.time.Instant> tries = store.events(run.runId()).stream()
                .filter(e -> e instanceof RunEvent.CommandStarted c && c.stepId().equals("never"))
                .map(RunEvent::at).toList();
        assertThat(tries).hasSize(4);
        for (int i = 1; i < tries.size(); i++) {
            assertThat(Duration.between(tries.get(i - 1), tries.get(i))).as("attempt %d after the one before", i + 1)
                    .isEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void commandTimeoutIsAFailureWithTheOutcomeNamed() throws Exception {
        Rb rb = new Rb("timeout");
        rb.steps.add(Rb.timeout(run("slow", "web[0]", "sleep 5"), Duration.ofMillis(300)));
        start(rb, RunOptions.live("alice"));
        RunState s = run.awaitSettled(T);
        HostResult h = s.step("slow").orElseThrow().host("web-1").orElseThrow();
        assertThat(h.outcome()).isEqualTo("timed-out");
        assertThat(h.checks().get(0).seen()).contains("timed-out");
    }

    @Test
    void capturedValueDrivesMaxSelector() throws Exception {
        Rb rb = new Rb("max");
        rb.steps.add(run("seq", "web", "case ${host.name} in web-2) echo 'seqno: 42';; *) echo 'seqno: 7';; esac",
                new Expectation.Capture("seqno", "seqno:\\s+(-?\\d+)")));
        rb.steps.add(run("boot", "web | max(seqno)", "echo ${seqno} > bootstrapped"));
        start(rb, RunOptions.live("alice"));
        RunState s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(s.step("boot").orElseThrow().hosts()).extracting(HostResult::host).containsExactly("web-2");
        assertThat(file("web-2", "bootstrapped")).isEqualTo("42\n");
        assertThat(file("web-1", "bootstrapped")).isNull();
    }

    @Test
    void snapshotIsDiffedWithTheLastRunAndSameTurnsADifferenceIntoAFailure() throws Exception {
        Files.createDirectories(LAB.harness().home("web-1"));
        Files.writeString(LAB.harness().home("web-1").resolve("schema"), "a\nb\nc\n");
        Rb rb = new Rb("snap");
        rb.steps.add(Rb.snapshot(run("schema", "web[0]", "cat schema"), "schema", SnapshotExpect.SAME));
        start(rb, RunOptions.live("alice"));
        assertThat(run.await(x -> x.status().ended(), T).status()).isEqualTo(RunStatus.COMPLETED);
        String first = run.runId();
        run.close();

        Files.writeString(LAB.harness().home("web-1").resolve("schema"), "a\nB\nc\n");
        start(rb, RunOptions.live("alice"));
        RunState s = run.awaitSettled(T);
        HostResult h = s.step("schema").orElseThrow().host("web-1").orElseThrow();
        assertThat(s.step("schema").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(h.snapshotDiff()).contains("-b").contains("+B").contains("run " + first);
        assertThat(s.step("schema").orElseThrow().message()).contains("differs from run " + first);
    }

    @Test
    void autoConfirmRollsBackOnAStepsOwnOnFailureRollbackAndOnlyThere() throws Exception {
        Rb rb = new Rb("step-policy");
        rb.onFailure = FailurePolicy.ASK; // the runbook asks; only this step says roll back
        Step breaks = run("break", "web[0]", "exit 3");
        rb.steps.add(run("change", "web[0]", "echo new > conf"));
        rb.steps.add(new Step(breaks.id(), breaks.title(), null, breaks.action(), null, null, null, null, null, false,
                FailurePolicy.ROLLBACK, null, null, null));
        rb.rollback.add(run("restore", "web[0]", "echo old > conf"));
        start(rb, RunOptions.live("alice").withAutoConfirm(true));

        RunState s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(file("web-1", "conf")).isEqualTo("old\n");
        assertThat(store.events(run.runId())).filteredOn(e -> e instanceof RunEvent.RollbackStarted)
                .extracting(e -> ((RunEvent.RollbackStarted) e).reason()).singleElement().asString()
                .contains("automatically");
        run.close();

        Rb asks = new Rb("runbook-policy");
        asks.onFailure = FailurePolicy.ROLLBACK;
        asks.steps.add(new Step(breaks.id(), breaks.title(), null, breaks.action(), null, null, null, null, null, false,
                FailurePolicy.ASK, null, null, null));
        asks.rollback.add(run("restore", "web[0]", "true"));
        start(asks, RunOptions.live("alice").withAutoConfirm(true));
        s = run.awaitSettled(T);
        assertThat(s.status()).as("the step's own on_failure: ask wins over the runbook's rollback")
                .isEqualTo(RunStatus.WAITING_FOR_OPERATOR);
        assertThat(s.step("break").orElseThrow().status()).isEqualTo(StepStatus.FAILED);
    }

    @Test
    void rollbackAfterAFailureRunsTheRollbackStepsAndIsNotOfferedPastThePointOfNoReturn() throws Exception {
        Rb rb = new Rb("rollback");
        rb.onFailure = FailurePolicy.ROLLBACK;
        rb.steps.add(run("change", "web[0]", "echo new > conf"));
        rb.steps.add(run("break", "web[0]", "exit 3"));
        rb.rollback.add(run("restore", "web[0]", "echo old > conf"));
        start(rb, RunOptions.live("alice"));

        RunState s = run.awaitSettled(T);
        assertThat(s.awaiting().options()).containsExactly(Option.ROLLBACK, Option.ABORT);
        assertThatThrownBy(() -> run.skip("break", "no").get()).hasCauseInstanceOf(IllegalStateException.class);
        run.startRollback("break failed").get();
        s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(s.step("change").orElseThrow().status()).isEqualTo(StepStatus.ROLLED_BACK);
        assertThat(s.step("restore").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
        assertThat(file("web-1", "conf")).isEqualTo("old\n");
        run.close();

        Rb late = new Rb("late");
        late.steps.add(Rb.ponr(run("commit", "web[0]", "true")));
        late.steps.add(run("break", "web[0]", "exit 3"));
        late.rollback.add(run("restore", "web[0]", "true"));
        start(late, RunOptions.live("alice"));
        s = run.awaitSettled(T);
        assertThat(s.awaiting().options()).contains(Option.APPROVE, Option.ROLLBACK);
        run.approve("commit", "alice", s.environment(), null).get();
        s = run.await(x -> x.awaiting() != null && "break".equals(x.awaiting().stepId()), T);
        assertThat(s.awaiting().options()).doesNotContain(Option.ROLLBACK);
        assertThatThrownBy(() -> run.startRollback("too late").get()).hasMessageContaining("point of no return");
    }

    @Test
    void monitorGoingDownAndUpIsRecordedWithItsDowntime() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        int port = server.getLocalPort();
        Rb rb = new Rb("monitor");
        rb.monitors.add(new Monitor("svc", new Monitor.Tcp("127.0.0.1:" + port), Duration.ofMillis(100)));
        rb.steps.add(Rb.confirm("outage", "service bounced"));
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        start(rb, RunOptions.live("alice"));
        run.addListener(seen::add);
        run.await(x -> Boolean.TRUE.equals(x.monitors().get(0).up()), T);
        server.close();
        run.await(x -> Boolean.FALSE.equals(x.monitors().get(0).up()), T);
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            RunState s = run.await(x -> Boolean.TRUE.equals(x.monitors().get(0).up()) && x.monitors().get(0).downs() == 1, T);
            assertThat(s.monitors().get(0).downtime()).isPositive();
            run.confirm("outage", null).get();
            s = run.await(x -> x.status().ended(), T);
            assertThat(s.monitors().get(0).downs()).isEqualTo(1);
            assertThat(RunStateReport.render(s, s.endedAt())).contains("svc").contains("1 outage(s)");
        }
        assertThat(store.events(run.runId()).stream().filter(e -> e instanceof RunEvent.MonitorChanged)
                .map(e -> ((RunEvent.MonitorChanged) e).up()).toList()).containsExactly(true, false, true);
    }

    @Test
    void aMonitorWhoseProbeBreaksIsReportedDownAndKeepsProbing() throws Exception {
        // The probe machinery itself fails (as under a heap too small for the run): a scheduler would
        // swallow the Error and never probe again, leaving a dead monitor shown as "0 outages".
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean(true);
        engine = new RunEngine((host, command, timeout, lines, cancel) -> {
            if (command.equals("true # monitored") && broken.get()) {
                throw new OutOfMemoryError("simulated: no heap left for the probe");
            }
            return LAB.transport().exec(host, command, timeout, lines, cancel);
        }, store);
        Rb rb = new Rb("broken-monitor");
        rb.monitors.add(new Monitor("flag", new Monitor.Command(Rb.sel("web[0]"), "true # monitored", List.of()),
                Duration.ofMillis(100)));
        rb.steps.add(Rb.confirm("watch", "seen it"));
        start(rb, RunOptions.live("alice"));

        RunState down = run.await(x -> Boolean.FALSE.equals(x.monitors().get(0).up()), T);
        assertThat(down.monitors().get(0).detail()).contains("monitor failed", "OutOfMemoryError");
        broken.set(false);
        RunState up = run.await(x -> Boolean.TRUE.equals(x.monitors().get(0).up()), T);
        assertThat(up.monitors().get(0).downs()).isEqualTo(1);
        assertThat(store.events(run.runId()).stream().filter(e -> e instanceof RunEvent.MonitorChanged)
                .map(e -> ((RunEvent.MonitorChanged) e).up()).toList()).containsExactly(false, true);
    }

    @Test
    void dryRunExecutesNothing() throws Exception {
        Rb rb = new Rb("dry");
        rb.steps.add(run("touch", "web", "touch touched"));
        rb.steps.add(Rb.confirm("ok", "fine"));
        rb.steps.add(Rb.waitFor("pause", Duration.ofMinutes(10)));
        start(rb, new RunOptions("alice", RunMode.DRY_RUN, null, false, false, false));
        RunState s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        for (String h : List.of("web-1", "web-2", "web-3")) {
            assertThat(file(h, "touched")).isNull();
        }
        assertThat(store.events(run.runId())).noneMatch(e -> e instanceof RunEvent.CommandStarted);
        String text = DryRunRenderer.render(new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of()));
        assertThat(text).contains("web-2$ touch touched").contains("operator confirms: fine").contains("wait 10m");
    }

    @Test
    void secretsNeverReachEventsAndManualStepsNeedTheOperator() throws Exception {
        Rb rb = new Rb("secret").var("pw", null, true);
        rb.steps.add(run("login", "web[0]", "echo connecting with ${pw}; echo ${pw} > pw"));
        rb.steps.add(Rb.confirm("ok", "fine"));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of("pw", "hunter2"));
        run = engine.start(plan, RunOptions.live("alice"));
        RunState s = run.awaitSettled(T);
        assertThat(s.awaiting().stepId()).isEqualTo("ok");
        assertThat(file("web-1", "pw")).isEqualTo("hunter2\n");
        assertThat(store.events(run.runId()).toString()).doesNotContain("hunter2").contains("******");
        assertThat(audit.timeline(run.runId()).toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> run.confirm("login", null).get()).hasMessageContaining("not waiting for confirmation");
        assertThatThrownBy(() -> run.skip("ok", " ").get()).hasMessageContaining("reason");
        run.skip("ok", "checked elsewhere").get();
        assertThat(run.await(x -> x.status().ended(), T).step("ok").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void failedPreflightWaitsUntilTheOperatorOverridesWithAReason() throws Exception {
        Rb rb = new Rb("pre");
        rb.preflight.add(run("a", "web[0]", "false"));
        rb.preflight.add(run("b", "web[0]", "true"));
        rb.steps.add(run("go", "web[0]", "touch went"));
        start(rb, RunOptions.live("alice"));
        RunState s = run.awaitSettled(T);
        assertThat(s.step("b").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
        assertThat(s.awaiting().options()).contains(Option.OVERRIDE_PREFLIGHT);
        assertThat(file("web-1", "went")).isNull();
        run.overridePreflight("a is known flaky, checked by hand").get();
        s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(s.preflightOverridden()).isTrue();
        assertThat(store.events(run.runId())).anyMatch(e -> e instanceof RunEvent.PreflightOverridden p
                && p.failedChecks().equals(List.of("a")));
    }

    @Test
    void resumeFlagsAStartedCommandWithoutFinishAsUnknownAndRerunsOnlyWhenTold() throws Exception {
        Rb rb = new Rb("resume");
        rb.steps.add(run("first", "web[0]", "echo 1 >> first"));
        rb.steps.add(run("long", "web", "echo 1 >> long; test -f fast || sleep 30"));
        rb.steps.add(run("last", "web[0]", "echo 1 >> last"));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of());
        run = engine.start(plan, RunOptions.live("alice"));
        run.await(x -> x.step("long").orElseThrow().hosts().stream().allMatch(h -> h.status() == HostStatus.RUNNING)
                && x.step("long").orElseThrow().hosts().size() == 3, T);
        for (String h : List.of("web-1", "web-2", "web-3")) {
            waitForFile(h, "long");
        }
        // A crash: only what was durable before the kill survives.
        String id = run.runId();
        List<RunEvent> durable = store.events(id);
        try (AuditStore other = AuditStore.open(AuditStore.h2Url(dir.resolve("crashed")))) {
            AuditEventSink crashed = new AuditEventSink(other);
            durable.forEach(e -> crashed.append(id, "alice", e));
            run.close();
            resumeAfterCrash(id, crashed, plan);
        }
    }

    private void resumeAfterCrash(String id, RunStore crashed, Plan plan) throws Exception {
        RunEngine again = new RunEngine(transport, crashed);
        run = again.resume(id, new RunEngine.ResumeOptions("bob", Map.of(), false, false), (started, secrets) -> plan);
        RunState s = run.awaitSettled(T);
        assertThat(s.step("first").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
        assertThat(s.step("long").orElseThrow().status()).isEqualTo(StepStatus.OUTCOME_UNKNOWN);
        assertThat(s.unknownOutcomes()).containsExactly("long@web-1", "long@web-2", "long@web-3");
        assertThat(s.awaiting().options()).contains(Option.RESOLVE_UNKNOWN);
        assertThat(s.operator()).isEqualTo("bob");
        // Intent before act: a command is recorded as started before it is sent, and the settled run
        // waits for the operator, so a log with no command since the resume means nothing was re-run.
        List<RunEvent> events = crashed.events(id);
        int resumed = events.size() - 1;
        while (!(events.get(resumed) instanceof RunEvent.RunResumed)) {
            resumed--;
        }
        assertThat(events.subList(resumed, events.size())).noneMatch(e -> e instanceof RunEvent.CommandStarted);
        assertThat(file("web-1", "first")).isEqualTo("1\n");
        assertThat(file("web-1", "long")).isEqualTo("1\n");

        run.resolveUnknown("long", "web-1", Resolution.MARK_DONE, "saw it finish").get();
        run.resolveUnknown("long", "web-2", Resolution.MARK_DONE, "same").get();
        assertThat(run.state().awaiting().options()).contains(Option.RESOLVE_UNKNOWN);
        assertThat(file("web-3", "long")).isEqualTo("1\n");
        assertThat(file("web-1", "last")).isNull();

        Files.writeString(LAB.harness().home("web-3").resolve("fast"), "");
        run.resolveUnknown("long", "web-3", Resolution.RERUN, "it was killed: run it again").get();
        s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(file("web-3", "long")).isEqualTo("1\n1\n");
        assertThat(file("web-1", "long")).isEqualTo("1\n");
        assertThat(file("web-2", "long")).isEqualTo("1\n");
        assertThat(file("web-1", "last")).isEqualTo("1\n");
        assertThat(s.step("long").orElseThrow().host("web-1").orElseThrow().message()).isEqualTo("mark done: saw it finish");
    }
    @Test
    void failingGateStopsTheRollingLoopAfterTheBatchAndNamesTheUntouchedHosts() throws Exception {
        Rb rb = new Rb("gate");
        // Lab hosts share no files: the gate on web-1 counts its own checks and fails from the second batch on.
        dev.belay.runbook.Gate gate = new dev.belay.runbook.Gate(Rb.sel("web[0]"),
                "n=$(($(cat gate-checks 2>/dev/null || echo 0) + 1)); echo $n > gate-checks; test $n -lt 2",
                List.of(), new dev.belay.runbook.Retry(Duration.ofMillis(200), Duration.ofMillis(600)), null);
        rb.steps.add(Rb.with(run("stop", "web", "touch stopped"), 1, null, null, false, gate, null, null, null));
        start(rb, RunOptions.live("alice"));
        RunState s = run.awaitSettled(T);
        StepState stop = s.step("stop").orElseThrow();
        assertThat(stop.status()).isEqualTo(StepStatus.FAILED);
        assertThat(stop.message()).contains("gate failed after batch 2 (done: web-1, web-2)").contains("not touched: web-3");
        assertThat(file("web-3", "stopped")).isNull();
        assertThat(file("web-2", "stopped")).isEqualTo("");
    }

    @Test
    void stepByStepWaitsForRunAndHandoverAndNotesAreRecorded() throws Exception {
        Rb rb = new Rb("steps");
        rb.steps.add(run("one", "web[0]", "touch one"));
        start(rb, RunOptions.live("alice").withStepByStep(true));
        RunState s = run.awaitSettled(T);
        assertThat(s.awaiting().options()).contains(Option.RUN);
        assertThat(file("web-1", "one")).isNull();
        run.handover("bob").get();
        run.note("bob has the pager now").get();
        run.run("one").get();
        s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(s.operator()).isEqualTo("bob");
        assertThat(s.notes()).containsExactly("bob has the pager now");
        assertThat(file("web-1", "one")).isEqualTo("");
        assertThat(audit.timeline(run.runId())).anyMatch(e -> e.type() == dev.belay.audit.EventType.OPERATOR_HANDOVER)
                .anyMatch(e -> e.type() == dev.belay.audit.EventType.RUN_FINISHED && e.operator().name().equals("bob"));
    }

    @Test
    void httpAndCommandMonitorsReportTheirStateAndTheWindowClockWarns() throws Exception {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int[] status = {200};
        http.createContext("/health", ex -> {
            ex.sendResponseHeaders(status[0], -1);
            ex.close();
        });
        http.start();
        try {
            Rb rb = new Rb("probes");
            rb.monitors.add(new Monitor("api", new Monitor.Http("http://127.0.0.1:" + http.getAddress().getPort()
                    + "/health", 200), Duration.ofMillis(100)));
            rb.monitors.add(new Monitor("flag", new Monitor.Command(Rb.sel("web[0]"), "test ! -f down",
                    List.of()), Duration.ofMillis(200)));
            rb.steps.add(Rb.confirm("watch", "seen it"));
            rb.rollback.add(Rb.waitFor("undo", Duration.ofMinutes(5)));
            start(rb, RunOptions.live("alice").withWindowEnd(java.time.Instant.now().plusSeconds(60)));
            run.await(x -> x.monitors().stream().allMatch(m -> Boolean.TRUE.equals(m.up())), T);
            status[0] = 503;
            Files.writeString(LAB.harness().home("web-1").resolve("down"), "");
            RunState s = run.await(x -> x.monitors().stream().allMatch(m -> Boolean.FALSE.equals(m.up())), T);
            assertThat(s.monitors()).allMatch(m -> m.downs() >= 1);
            assertThat(s.monitors().get(0).detail()).contains("HTTP 503");
            run.confirm("watch", null).get();
            s = run.await(x -> x.status().ended(), T);
            assertThat(s.warnings()).anyMatch(w -> w.contains("rollback"));
            assertThat(s.monitors()).allMatch(m -> m.downtime().compareTo(Duration.ZERO) > 0);
        } finally {
            http.stop(0);
        }
    }
    @Test
    void withoutADurableLogTheEngineStopsInsteadOfActing() throws Exception {
        Rb rb = new Rb("halt");
        rb.steps.add(run("slow", "web[0]", "sleep 1"));
        rb.steps.add(run("next", "web[0]", "touch next"));
        start(rb, RunOptions.live("alice"));
        run.await(x -> x.step("slow").orElseThrow().status() == StepStatus.RUNNING, T);
        audit.close();
        RunState s = run.awaitSettled(T);
        assertThat(s.awaiting().options()).isEmpty();
        assertThat(s.awaiting().prompt()).contains("audit log cannot record events");
        // Halted means no decision is taken any more: the control thread accepts no command.
        assertThatThrownBy(() -> run.run("next").get(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(s.step("next").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
        assertThat(file("web-1", "next")).isNull();
    }
    @Test
    void theAuditLogGivesBackExactlyTheEventsThatWereEmittedAndEarlierRunsDurations() throws Exception {
        Rb rb = new Rb("history");
        rb.steps.add(run("s", "web", "echo hello; echo warn >&2", new Expectation.Capture("word", "(hel+o)")));
        rb.steps.add(Rb.confirm("ok", "fine"));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of());
        for (int i = 0; i < 2; i++) {
            List<RunEvent> emitted = new CopyOnWriteArrayList<>();
            run = engine.start(plan, RunOptions.live("alice").withAutoConfirm(true), emitted::add);
            RunState s = run.await(x -> x.status().ended(), T);
            assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
            run.await(x -> emitted.stream().anyMatch(e -> e instanceof RunEvent.RunFinished), T);
            assertThat(store.events(run.runId())).containsExactlyElementsOf(
                    emitted.stream().filter(RunEvent::durable).toList());
            run.close();
        }
        Map<String, List<Duration>> earlier = store.stepDurations("history", "none");
        assertThat(earlier.get("s")).hasSize(2);
        assertThat(earlier.get("ok")).hasSize(2);
    }
    @Test
    void terminalStepHandsItsCommandOverAndWaitsForTheTick() throws Exception {
        Rb rb = new Rb("terminal").var("pw", null, true);
        rb.steps.add(new dev.belay.runbook.Step("shell", "Look by hand", null,
                new dev.belay.runbook.Action.Terminal(Rb.sel("web[1]"), "mysql -p${pw} -h ${host.address}"),
                "3 members", null, null, null, null, false, null, null, null, null));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of("pw", "hunter2"));
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        run = engine.start(plan, RunOptions.live("alice"), seen::add);
        RunState s = run.awaitSettled(T);
        StepState shell = s.step("shell").orElseThrow();
        assertThat(shell.status()).isEqualTo(StepStatus.AWAITING_CONFIRMATION);
        assertThat(shell.terminalHost()).isEqualTo("web-2");
        assertThat(shell.terminalCommand()).isEqualTo("mysql -p****** -h 127.0.0.1");
        assertThat(run.terminalCommand("shell")).isEqualTo("mysql -phunter2 -h 127.0.0.1");
        assertThat(s.awaiting().prompt()).isEqualTo("3 members");
        run.confirm("shell", "3 members, wsrep_ready ON").get();
        assertThat(run.await(x -> x.status().ended(), T).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(seen).anyMatch(e -> e instanceof RunEvent.TerminalRequested t && t.host().equals("web-2"));
        assertThat(audit.timeline(run.runId()).toString()).doesNotContain("hunter2");
    }
    @Test
    void whenOnACapturedValueIsDecidedWhenTheStepStarts() throws Exception {
        Rb rb = new Rb("when");
        rb.steps.add(run("ask", "web[0]", "echo 'reboot: no'; echo 'drain: yes'",
                new Expectation.Capture("reboot", "reboot: (\\w+)"), new Expectation.Capture("drain", "drain: (\\w+)")));
        rb.steps.add(whenStep(run("reboot", "web[0]", "touch rebooted"), "${reboot}"));
        rb.steps.add(whenStep(run("drain", "web[0]", "touch drained"), "${drain}"));
        start(rb, RunOptions.live("alice"));
        RunState s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(s.step("reboot").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(s.step("reboot").orElseThrow().message()).isEqualTo("when: is 'no'");
        assertThat(file("web-1", "rebooted")).isNull();
        assertThat(file("web-1", "drained")).isEqualTo("");
    }

    private static dev.belay.runbook.Step whenStep(dev.belay.runbook.Step s, String when) {
        return new dev.belay.runbook.Step(s.id(), s.title(), null, s.action(), null, when, null, null, null, false, null,
                null, null, null);
    }
}
