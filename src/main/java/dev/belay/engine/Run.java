package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import dev.belay.audit.StepSpan;
import dev.belay.inventory.Host;
import dev.belay.runbook.Action;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One live run, as its operator sees it: the state (a fold of the {@link RunJournal}'s events), the
 * {@link RunCommands} run on the {@link RunLoop}'s control thread, and the step environment the
 * loop's steps execute in. Every change goes through the journal: stored first, then applied, then shown.
 */
final class Run implements RunController {

    // As many host threads as Ansible's and pssh's usual fan-out (-f 32 / -p 32): logins wait on the network, not the CPU.
    private static final int MAX_HOST_THREADS = 32;

    private final String runId;
    private final StepContext env;
    private final RunJournal journal;
    private final RunLoop loop;
    private final RunCommands commands;
    private final NoReturnGate noReturn;

    Run(String runId, Plan plan, RunStore store, Transport transport, Pacing pacing, boolean autoConfirm,
        boolean stepByStep) {
        this.runId = runId;
        this.journal = new RunJournal(runId, store, plan);
        int hosts = Math.max(1, Math.min(MAX_HOST_THREADS, plan.inventory().hosts().size()));
        ExecutorService hostPool = Executors.newFixedThreadPool(hosts, Threads.daemon("belay-run-host"));
        this.env = new StepContext(plan, transport, pacing, SecretMasker.of(plan.secretValues()), new CancelToken(),
                hostPool, new SnapshotStore(store, plan.runbook().id(), plan.inventory().environment()), autoConfirm,
                journal);
        Map<String, Duration> medians = new LinkedHashMap<>();
        store.stepDurations(plan.runbook().id(), runId).forEach((k, v) -> medians.put(k, StepSpan.median(v)));
        this.noReturn = new NoReturnGate(runId, env, store);
        this.loop = new RunLoop(runId, env, new WindowClock(plan, medians), stepByStep, noReturn);
        this.commands = new RunCommands(runId, env, loop);
    }

    /** Applies stored events without re-recording them (resume). */
    void replay(List<RunEvent> events) {
        journal.replay(events);
    }

    /** "step@host" for every command whose outcome is unknown once this (replayed) run resumes. */
    List<String> unknownOnResume() {
        return journal.read(RunModel::unknownOnResume);
    }

    /** Records {@code first} (RunStarted or RunResumed), starts the monitors and the first decision. */
    void begin(RunEvent first) {
        loop.begin(first);
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Plan plan() {
        return env.plan();
    }

    @Override
    public RunState state() {
        return journal.snapshot();
    }

    @Override
    public WindowStatus window() {
        return loop.window();
    }

    @Override
    public void addListener(Consumer<RunEvent> listener) {
        journal.addListener(listener);
    }

    @Override
    public void removeListener(Consumer<RunEvent> listener) {
        journal.removeListener(listener);
    }

    @Override
    public CompletableFuture<Void> run(String stepId) {
        return loop.command(() -> commands.run(stepId));
    }

    @Override
    public CompletableFuture<Void> confirm(String stepId, String note) {
        return loop.command(() -> commands.confirm(stepId, note));
    }

    @Override
    public CompletableFuture<Void> skip(String stepId, String reason) {
        return loop.command(() -> commands.skip(stepId, reason));
    }

    @Override
    public CompletableFuture<Void> retry(String stepId) {
        return loop.command(() -> commands.retry(stepId));
    }

    @Override
    public CompletableFuture<Void> abort(String reason) {
        return loop.command(() -> commands.abort(reason));
    }

    @Override
    public CompletableFuture<Void> startRollback(String reason) {
        return loop.command(() -> commands.startRollback(reason));
    }

    @Override
    public CompletableFuture<Void> note(String text) {
        return loop.command(() -> commands.note(text));
    }

    @Override
    public CompletableFuture<Void> handover(String newOperator) {
        return loop.command(() -> commands.handover(newOperator));
    }

    @Override
    public CompletableFuture<Void> overridePreflight(String reason) {
        return loop.command(() -> commands.overridePreflight(reason));
    }

    @Override
    public CompletableFuture<Void> approve(String stepId, String approver, String typedEnvironment, String note) {
        return loop.command(() -> noReturn.approve(stepId, approver, typedEnvironment, note));
    }

    @Override
    public CompletableFuture<Void> resolveUnknown(String stepId, String host, Resolution resolution, String note) {
        return loop.command(() -> commands.resolveUnknown(stepId, host, resolution, note));
    }

    @Override
    public String terminalCommand(String stepId) {
        PlannedStep step = env.plan().find(stepId).orElseThrow(() -> new IllegalArgumentException("no step " + stepId));
        if (!(step.action() instanceof Action.Terminal t)) {
            throw new IllegalArgumentException("step '" + stepId + "' is not a terminal step");
        }
        String hostName = journal.read(m -> m.step(stepId).terminalHost());
        Host host = hostName == null ? null : env.plan().inventory().hosts().get(hostName);
        return host == null ? t.command() : VarSubstitution.forHost(t.command(), host, env.capturesOf(host.name()), stepId);
    }

    @Override
    public RunState await(Predicate<RunState> condition, Duration timeout) throws InterruptedException {
        return journal.await(condition, timeout);
    }

    @Override
    public void close() {
        loop.close();
    }
}
