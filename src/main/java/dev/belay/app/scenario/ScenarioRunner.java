package dev.belay.app.scenario;

import dev.belay.app.AuditStores;
import dev.belay.app.LabPacing;
import dev.belay.app.LiveRun;
import dev.belay.app.Runs;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.CheckResult;
import dev.belay.engine.ExpectationEvaluator;
import dev.belay.engine.FailureSummary;
import dev.belay.engine.HostResult;
import dev.belay.engine.HostStatus;
import dev.belay.engine.Plan;
import dev.belay.engine.PlanException;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.engine.RunState;
import dev.belay.engine.SshTargets;
import dev.belay.lab.Fault;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.ExecResult;
import dev.belay.ssh.exec.OutputListener;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.trust.HostKeyPrompt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs one scenario: a fresh sandboxed practice lab in its own directory with the scenario's faults,
 * the runbook on it unattended (auto-confirm, rehearsal, an audit log of its own), then the
 * comparison of what happened with what the scenario expects, including commands run on the lab
 * hosts afterwards. Each scenario gets its own lab so no scenario sees another's leftovers.
 */
public final class ScenarioRunner {

    /** How long one run may take before the scenario fails as stuck. */
    static final Duration RUN_LIMIT = Duration.ofMinutes(10);
    /** How long one final check may run. */
    static final Duration CHECK_LIMIT = Duration.ofSeconds(60);

    private final Path workDir;

    /** Labs and audit logs go to fresh directories under {@code workDir}. */
    public ScenarioRunner(Path workDir) {
        this.workDir = workDir;
    }

    /** What happened, against what was expected. */
    public record Result(Scenario scenario, String got, Duration took, List<String> failures) {
        public Result {
            failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /**
     * How many scenarios {@link #runAll} runs at once unless told: one per core, at most four. A scenario
     * mostly waits (on its lab's paced clock, on SSH round trips), so two cores keep two busy; more than
     * the cores would slow each lab's commands, and on a sped-up lab clock a slow command costs lab time.
     */
    public static int defaultJobs() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Runs {@code scenarios}, at most {@code jobs} at once, each on its own fresh lab (its own directory,
     * port, keys and audit log, so they share nothing); {@code starting} hears each as it starts (from
     * the thread that runs it). The results come in the order of {@code scenarios}. A lab that does not
     * start, or a scenario that throws, fails that scenario alone.
     */
    public List<Result> runAll(List<Scenario> scenarios, int jobs, Consumer<Scenario> starting)
            throws InterruptedException {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(jobs, Math.max(1, scenarios.size())), r -> {
                    Thread t = new Thread(r, "scenario-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<Result>> running = new ArrayList<>();
            for (Scenario s : scenarios) {
                running.add(pool.submit(() -> {
                    starting.accept(s);
                    return runOrFail(s);
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : running) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a scenario's thread failed: " + e.getCause(), e.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@link #run(Scenario)}, with a lab that does not start or a scenario that throws as its failure. */
    private Result runOrFail(Scenario s) throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            return run(s);
        } catch (IOException e) {
            return new Result(s, "lab failed", took(t0), List.of("the lab did not start: " + e.getMessage()));
        } catch (RuntimeException e) {
            return new Result(s, "error", took(t0), List.of("the scenario stopped on an error: " + e));
        }
    }

    /** Runs {@code s} on a fresh lab; the lab and its files are gone afterwards. */
    public Result run(Scenario s) throws IOException, InterruptedException {
        return run(s, UnaryOperator.identity());
    }

    /** As {@link #run(Scenario)}, on the plan as {@code change} alters it (coverage takes a gate out). */
    public Result run(Scenario s, UnaryOperator<Plan> change) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "scenario-");
        try {
            return runIn(s, change, dir, t0);
        } finally {
            deleteTree(dir);
        }
    }

    private Result runIn(Scenario s, UnaryOperator<Plan> change, Path dir, long t0) throws IOException, InterruptedException {
        List<Fault> atStart = s.faults().stream().filter(f -> f.atStep() == null && f.fault() != null)
                .map(Scenario.TimedFault::fault).toList();
        List<Scenario.TimedFault> handsAtStart = s.faults().stream().filter(f -> f.atStep() == null && f.hand() != null).toList();
        List<Scenario.TimedFault> timed = s.faults().stream().filter(f -> f.atStep() != null).toList();
        List<String> failures = new ArrayList<>();
        String got;
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), s.labHosts(), 0, atStart, s.speed()))) {
            Plan plan;
            try {
                plan = change.apply(Runs.plan(s.runbook(), lab.inventoryPath(), s.vars(), RunMode.LIVE, true));
            } catch (PlanException | IllegalArgumentException e) {
                return new Result(s, "not run", took(t0), List.of("the runbook does not plan on the lab: " + e.getMessage()));
            }
            SshSettings d = SshSettings.defaults(HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE);
            SshSettings ssh = d.withKnownHosts(lab.knownHostsPath(), d.belayKnownHosts());
            RunOptions options = new RunOptions("belay-test", RunMode.LIVE, null, true, false, true);
            try (AuditStores.Lease audit = AuditStores.lease("jdbc:h2:file:" + dir.resolve("audit/belay"));
                 SshPool hands = new SshPool(ssh)) {
                List<String> handFailures = Collections.synchronizedList(new ArrayList<>());
                Consumer<Scenario.TimedFault> strike = f -> {
                    if (f.fault() != null) {
                        lab.faultSet().inject(f.fault());
                    } else {
                        String why = byHand(hands, plan, f.hand());
                        if (why != null) {
                            handFailures.add(why);
                        }
                    }
                };
                handsAtStart.forEach(strike);
                if (!handFailures.isEmpty()) {
                    return new Result(s, "not run", took(t0), handFailures);
                }
                ScenarioStore store = new ScenarioStore(new AuditEventSink(audit.store()), timed, strike,
                        s.expect().atStep());
                try (LiveRun run = new Runs(store).withPacing(LabPacing.of(lab.clock())).start(plan, options, ssh, e -> { })) {
                    RunState state = run.controller().awaitSettled(RUN_LIMIT);
                    got = outcome(state);
                    if (got == null) {
                        failures.add("the run did not end or stop within " + RUN_LIMIT.toMinutes() + " min");
                        got = "running";
                    }
                    String want = s.expect().summary();
                    if (!want.equals(got)) {
                        failures.add("expected " + want + ", got " + got);
                        failures.addAll(whyItStopped(state));
                    }
                    for (Scenario.TimedFault f : store.neverStruck()) {
                        failures.add("fault " + f.label() + " never struck: step " + f.atStep() + " never started");
                    }
                    failures.addAll(handFailures);
                    for (String h : s.expect().untouched()) {
                        if (store.hostsWithCommands().contains(h)) {
                            failures.add("host " + h + " should be untouched" + (s.expect().atStep() == null ? ""
                                    : " from step " + s.expect().atStep() + " on") + " but ran a command: "
                                    + store.firstCommandOn(h));
                        }
                    }
                    for (Scenario.Check c : s.expect().checks()) {
                        failures.addAll(check(run, plan, c));
                    }
                }
            }
        }
        return new Result(s, got, took(t0), failures);
    }

    /** Lines of output kept per host when a run stops where it should not have: enough for a gate's evidence. */
    static final int EVIDENCE_LINES = 12;

    /**
     * What a run that stopped unexpectedly saw on each host its stopping step did not pass: the command's
     * outcome, the expectations that failed and the tail of its output. The lab and its audit log are gone
     * when the scenario ends, so a failure that happens once in many runs (a race) leaves only this.
     */
    static List<String> whyItStopped(RunState state) {
        if (state.awaiting() == null) {
            return List.of();
        }
        return state.step(state.awaiting().stepId()).stream()
                .flatMap(step -> step.hosts().stream())
                .filter(h -> h.status() != HostStatus.PASSED && h.status() != HostStatus.NOT_TOUCHED)
                .map(ScenarioRunner::evidence)
                .toList();
    }

    private static String evidence(HostResult h) {
        FailureSummary f = FailureSummary.of(h, null, null, EVIDENCE_LINES);
        StringBuilder b = new StringBuilder("on " + h.host() + ": " + h.status().name().toLowerCase(Locale.ROOT)
                + " after " + h.attempts() + " attempt(s)"
                + (f.failedCheck().contains(f.ended()) ? "" : ", " + f.ended()) + ". " + f.failedCheck());
        h.checks().stream().filter(c -> !c.passed())
                .forEach(c -> b.append("\n      expectation ").append(c.expectation()).append(" failed"));
        if (!f.lastLines().isEmpty()) {
            b.append("\n      ").append(f.linesLabel().toLowerCase(Locale.ROOT)).append(':');
            f.lastLines().forEach(l -> b.append("\n        ").append(l));
        }
        return b.toString();
    }

    /** The run's outcome as a scenario writes it, or null while it still runs. */
    static String outcome(RunState state) {
        if (state.status().ended()) {
            return state.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (state.awaiting() != null) {
            return "stopped at " + state.awaiting().stepId();
        }
        return null;
    }

    /** Runs a hand's command on its lab host; null when it worked, else why not (the scenario fails). */
    private static String byHand(SshPool pool, Plan plan, Scenario.Hand hand) {
        ExecResult r;
        try {
            r = pool.exec(SshTargets.of(plan.inventory(), hand.host()), hand.run(), CHECK_LIMIT, OutputListener.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "fault `" + hand.run().strip() + "` on " + hand.host() + " was interrupted";
        }
        return r.succeeded() ? null : "fault `" + hand.run().strip() + "` on " + hand.host() + " failed ("
                + r.outcome().label() + ", exit " + r.exitCode() + "): " + r.combinedOutput().strip()
                + "; a fault by hand must work to prove anything";
    }

    private static List<String> check(LiveRun run, Plan plan, Scenario.Check c) throws InterruptedException {
        ExecResult r = run.pool().exec(SshTargets.of(plan.inventory(), c.host()), c.run(), CHECK_LIMIT, OutputListener.NONE);
        List<String> out = new ArrayList<>();
        for (CheckResult cr : ExpectationEvaluator.evaluate(c.expect(), r)) {
            if (!cr.passed()) {
                out.add("check on " + c.host() + " `" + c.run().strip() + "`: " + cr.expectation() + " failed: expected "
                        + cr.expected() + ", saw " + cr.seen());
            }
        }
        return out;
    }

    private static Duration took(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
