package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.runbook.Action;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live run. State changes go through {@link #emit}: durable append first, then the model, then
 * listeners (in order, on a notifier thread). Decisions and commands run on a single control thread;
 * a step runs on the step thread and fans out to a bounded host pool; monitors have their own scheduler.
 */
final class Run implements RunController, StepContext {

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final int MAX_HOST_THREADS = 16;
    private static final Duration CLOCK_TICK = Duration.ofSeconds(5);

    private final String runId;
    private final Plan plan;
    private final RunStore store;
    private final Transport transport;
    private final Clock clock;
    private final RunModel model;
    private final Masker masker;
    private final SnapshotStore snapshots;
    private final WindowClock windowClock;
    private final Object lock = new Object();
    private final List<Consumer<RunEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService control = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-control"));
    private final ExecutorService stepThread = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-step"));
    private final ExecutorService hostPool;
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-events"));
    // The window clock is also checked while a long step runs, not only between steps.
    private final java.util.concurrent.ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("belay-run-clock"));
    private final Set<WindowStatus.Warning> warned = EnumSet.noneOf(WindowStatus.Warning.class);
    private final CancelToken cancel = new CancelToken();
    private final StepRunner steps;
    private volatile boolean autoConfirm;
    private final boolean stepByStep;
    private MonitorRunner monitors;
    private boolean executing;
    private Awaiting lastAsked;

    Run(String runId, Plan plan, RunStore store, Transport transport, Clock clock, boolean autoConfirm,
        boolean stepByStep) {
        this.runId = runId;
        this.plan = plan;
        this.store = store;
        this.transport = transport;
        this.clock = clock;
        this.model = new RunModel(plan);
        this.masker = new Masker(plan.secretValues());
        this.snapshots = new SnapshotStore(store, plan.runbook().id(), plan.inventory().environment());
        Map<String, Duration> medians = new LinkedHashMap<>();
        store.stepDurations(plan.runbook().id(), runId).forEach((k, v) -> medians.put(k, StepDurations.median(v)));
        this.windowClock = new WindowClock(plan, medians);
        this.autoConfirm = autoConfirm;
        this.stepByStep = stepByStep;
        int hosts = Math.max(1, Math.min(MAX_HOST_THREADS, plan.inventory().hosts().size()));
        this.hostPool = Executors.newFixedThreadPool(hosts, Threads.daemon("belay-run-host"));
        this.steps = new StepRunner(this);
    }

    /** Applies stored events without re-recording them (resume). */
    void replay(List<RunEvent> events) {
        synchronized (lock) {
            events.forEach(model::apply);
            model.markInterrupted();
        }
    }

    /** Records {@code first} (RunStarted or RunResumed), starts the monitors and the first decision. */
    void begin(RunEvent first) {
        if (model.status.ended()) {
            shutdown();
            return;
        }
        emit(first);
        Map<String, Boolean> known = new LinkedHashMap<>();
        synchronized (lock) {
            model.monitors.values().stream().filter(m -> m.up != null).forEach(m -> known.put(m.id, m.up));
        }
        monitors = new MonitorRunner(plan.monitors(), plan.inventory(), transport, clock, known, this::emit);
        monitors.start();
        ticker.scheduleWithFixedDelay(() -> runOnControl(this::checkWindow), CLOCK_TICK.toMillis(),
                CLOCK_TICK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        control.execute(() -> {
            checkWindow();
            advance();
        });
    }

    // ---- StepContext

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Masker masker() {
        return masker;
    }

    @Override
    public CancelToken cancel() {
        return cancel;
    }

    @Override
    public ExecutorService hostPool() {
        return hostPool;
    }

    @Override
    public SnapshotStore snapshots() {
        return snapshots;
    }

    @Override
    public RunMode mode() {
        synchronized (lock) {
            return model.mode;
        }
    }

    @Override
    public boolean autoConfirm() {
        return autoConfirm;
    }

    @Override
    public void emit(RunEvent event) {
        synchronized (lock) {
            if (event.durable()) {
                store.append(runId, model.operator.isEmpty() && event instanceof RunEvent.RunStarted s ? s.operator()
                        : model.operator, event);
            }
            model.apply(event);
            try {
                notifier.execute(() -> notify(event));
            } catch (RejectedExecutionException e) {
                // the run has ended and its listeners are gone; the event is stored all the same
            }
            lock.notifyAll();
        }
    }

    private void notify(RunEvent event) {
        for (Consumer<RunEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("run {}: a listener failed on {}: {}", runId, event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public Map<String, String> capturesOf(String host) {
        synchronized (lock) {
            Map<String, String> out = new LinkedHashMap<>(model.latestCaptures);
            out.putAll(model.captures.getOrDefault(host, Map.of()));
            return out;
        }
    }

    @Override
    public Map<String, Map<String, String>> captures() {
        synchronized (lock) {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            model.captures.forEach((k, v) -> out.put(k, Map.copyOf(v)));
            return out;
        }
    }

    @Override
    public boolean hostPassed(String stepId, String host) {
        synchronized (lock) {
            RunModel.HostModel h = model.step(stepId).hosts.get(host);
            return h != null && h.status == HostStatus.PASSED;
        }
    }

    // ---- decisions (control thread)

    private void advance() {
        if (executing || control.isShutdown()) {
            return;
        }
        Navigator.Next next;
        synchronized (lock) {
            next = Navigator.next(model, stepByStep);
        }
        if (next instanceof Navigator.Next.Execute e) {
            execute(e.stepId());
        } else if (next instanceof Navigator.Next.Ask a) {
            ask(a.awaiting());
        } else if (next instanceof Navigator.Next.Finish f) {
            emit(new RunEvent.RunFinished(clock.instant(), f.status(), f.message()));
            shutdown();
        }
    }

    private void execute(String stepId) {
        PlannedStep step = plan.find(stepId).orElseThrow();
        synchronized (lock) {
            model.awaiting = null;
            model.status = RunStatus.RUNNING;
            lastAsked = null;
        }
        executing = true;
        stepThread.execute(() -> {
            try {
                steps.execute(step);
            } catch (EventSink.EventSinkException e) {
                halt(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("run {}: step {} broke", runId, stepId, e);
                emit(new RunEvent.StepFinished(clock.instant(), stepId, false, "internal error: " + e));
            } finally {
                runOnControl(() -> {
                    executing = false;
                    checkWindow();
                    if (!cancel.isCancelled()) {
                        advance();
                    }
                });
            }
        });
    }

    /**
     * Intent before act: without a durable log the engine must not act, so it stops here. The
     * state says why and offers nothing; the run resumes from what was recorded once the log is back.
     */
    private void halt(String why) {
        LOG.error("run {}: cannot record events, stopping: {}", runId, why);
        cancel.cancel();
        synchronized (lock) {
            model.awaiting = new Awaiting(null, "stopped: the audit log cannot record events (" + why
                    + "); resume the run once it can", List.of());
            lock.notifyAll();
        }
        shutdown();
    }

    private void ask(Awaiting awaiting) {
        RunModel.StepModel s = awaiting.stepId() == null ? null : model.steps.get(awaiting.stepId());
        if (autoConfirm && s != null && s.status == StepStatus.AWAITING_CONFIRMATION) {
            emit(new RunEvent.StepConfirmed(clock.instant(), s.planned.id(), "--auto-confirm", true));
            advance();
            return;
        }
        synchronized (lock) {
            model.awaiting = awaiting;
            model.status = RunStatus.WAITING_FOR_OPERATOR;
            lock.notifyAll();
        }
        if (!awaiting.equals(lastAsked)) {
            lastAsked = awaiting;
            emit(new RunEvent.AwaitingOperator(clock.instant(), awaiting.stepId(), awaiting.prompt(), awaiting.options()));
        }
    }

    private void checkWindow() {
        if (state().status().ended()) {
            return;
        }
        WindowStatus w = window();
        for (WindowStatus.Warning warning : w.warnings()) {
            if (warned.add(warning)) {
                String msg = warning == WindowStatus.Warning.PROJECTED_PAST_END
                        ? "projected end " + w.projectedEnd() + " is after the window end " + w.windowEnd()
                        : "the last point where a rollback still fits (" + w.lastRollbackStart() + ") is near";
                emit(new RunEvent.WindowWarning(clock.instant(), warning.name(), msg));
            }
        }
    }

    private void runOnControl(Runnable r) {
        try {
            control.execute(r);
        } catch (RejectedExecutionException e) {
            // the run ended or was closed meanwhile: nothing left to decide
        }
    }

    private CompletableFuture<Void> command(Runnable body) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        try {
            control.execute(() -> {
                try {
                    body.run();
                    f.complete(null);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                    return;
                }
                checkWindow();
                advance();
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException("run " + runId + " is no longer active"));
        }
        return f;
    }

    private void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private void requireOffered(String stepId, Option option) {
        Awaiting a;
        synchronized (lock) {
            a = model.awaiting;
        }
        require(a != null && a.options().contains(option) && (stepId == null || stepId.equals(a.stepId())),
                option.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " is not offered now"
                        + (stepId == null ? "" : " for step '" + stepId + "'")
                        + (a == null ? " (a step is running)" : " (offered: " + a.options() + " for '" + a.stepId() + "')"));
    }

    private static String required(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return text.strip();
    }

    // ---- RunController

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public RunState state() {
        synchronized (lock) {
            return model.snapshot();
        }
    }

    @Override
    public WindowStatus window() {
        return windowClock.at(state(), clock.instant());
    }

    @Override
    public void addListener(Consumer<RunEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<RunEvent> listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletableFuture<Void> run(String stepId) {
        return command(() -> {
            requireOffered(stepId, Option.RUN);
            execute(stepId);
        });
    }

    @Override
    public CompletableFuture<Void> confirm(String stepId, String note) {
        return command(() -> {
            synchronized (lock) {
                require(model.step(stepId).status == StepStatus.AWAITING_CONFIRMATION,
                        "step '" + stepId + "' is not waiting for confirmation");
            }
            emit(new RunEvent.StepConfirmed(clock.instant(), stepId, note == null ? null : masker.mask(note), false));
        });
    }

    @Override
    public CompletableFuture<Void> skip(String stepId, String reason) {
        return command(() -> {
            String why = required(reason, "a reason to skip");
            synchronized (lock) {
                StepStatus s = model.step(stepId).status;
                require(s != StepStatus.RUNNING && !s.done(), "step '" + stepId + "' is " + s + " and cannot be skipped");
                if (model.awaiting != null && stepId.equals(model.awaiting.stepId())) {
                    requireOffered(stepId, Option.SKIP);
                }
            }
            emit(new RunEvent.StepSkipped(clock.instant(), stepId, masker.mask(why), true));
        });
    }

    @Override
    public CompletableFuture<Void> retry(String stepId) {
        return command(() -> {
            synchronized (lock) {
                require(model.step(stepId).status == StepStatus.FAILED, "step '" + stepId + "' has not failed");
            }
            requireOffered(null, Option.RETRY);
            execute(stepId);
        });
    }

    @Override
    public CompletableFuture<Void> abort(String reason) {
        return command(() -> {
            String why = required(reason, "a reason to abort");
            synchronized (lock) {
                require(!model.status.ended(), "run " + runId + " has already ended");
            }
            cancel.cancel();
            emit(new RunEvent.RunAborted(clock.instant(), masker.mask(why)));
            shutdown();
        });
    }

    @Override
    public CompletableFuture<Void> startRollback(String reason) {
        return command(() -> {
            String why = required(reason, "a reason to roll back");
            String failed;
            synchronized (lock) {
                require(!executing, "a step is running; wait for it or abort");
                require(!plan.rollback().isEmpty(), "runbook " + plan.runbook().id() + " has no rollback steps");
                require(!model.pointOfNoReturnPassed, "a point of no return has been passed: rollback is no longer offered");
                require(!model.rollbackStarted && !model.status.ended(), "rollback has already started or the run ended");
                failed = model.steps.values().stream().filter(s -> s.status == StepStatus.FAILED)
                        .map(s -> s.planned.id()).reduce((a, b) -> b).orElse(null);
            }
            emit(new RunEvent.RollbackStarted(clock.instant(), masker.mask(why), failed));
        });
    }

    @Override
    public CompletableFuture<Void> note(String text) {
        return command(() -> emit(new RunEvent.NoteAdded(clock.instant(), masker.mask(required(text, "note text")))));
    }

    @Override
    public CompletableFuture<Void> handover(String newOperator) {
        return command(() -> {
            String to = required(newOperator, "the new operator's name");
            String from;
            synchronized (lock) {
                from = model.operator;
            }
            emit(new RunEvent.Handover(clock.instant(), from, to));
        });
    }

    @Override
    public CompletableFuture<Void> overridePreflight(String reason) {
        return command(() -> {
            String why = required(reason, "a reason to override the preflight");
            requireOffered(null, Option.OVERRIDE_PREFLIGHT);
            List<String> failed;
            synchronized (lock) {
                failed = plan.preflight().stream().map(PlannedStep::id)
                        .filter(id -> model.step(id).status == StepStatus.FAILED).toList();
            }
            emit(new RunEvent.PreflightOverridden(clock.instant(), masker.mask(why), failed));
        });
    }

    @Override
    public CompletableFuture<Void> resolveUnknown(String stepId, String host, Resolution resolution, String note) {
        return command(() -> {
            boolean anyLeft;
            boolean anyFailed;
            synchronized (lock) {
                RunModel.HostModel h = model.step(stepId).hosts.get(host);
                require(h != null && h.status == HostStatus.OUTCOME_UNKNOWN,
                        "step '" + stepId + "' has no unknown outcome on host " + host);
            }
            emit(new RunEvent.OutcomeResolved(clock.instant(), stepId, host, resolution,
                    note == null ? null : masker.mask(note)));
            synchronized (lock) {
                RunModel.StepModel s = model.step(stepId);
                anyLeft = s.hosts.values().stream().anyMatch(x -> x.status == HostStatus.OUTCOME_UNKNOWN);
                anyFailed = s.hosts.values().stream().anyMatch(x -> x.status == HostStatus.FAILED);
            }
            if (!anyLeft && anyFailed) {
                emit(new RunEvent.StepFinished(clock.instant(), stepId, false, "marked failed by the operator"));
            } else if (!anyLeft) {
                execute(stepId);
            }
        });
    }

    @Override
    public String terminalCommand(String stepId) {
        PlannedStep step = plan.find(stepId).orElseThrow(() -> new IllegalArgumentException("no step " + stepId));
        if (!(step.action() instanceof Action.Terminal t)) {
            throw new IllegalArgumentException("step '" + stepId + "' is not a terminal step");
        }
        String hostName;
        synchronized (lock) {
            hostName = model.step(stepId).terminalHost;
        }
        Host host = hostName == null ? null : plan.inventory().hosts().get(hostName);
        return host == null ? t.command() : VarSubstitution.forHost(t.command(), host, capturesOf(host.name()), stepId);
    }

    @Override
    public RunState await(Predicate<RunState> condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                RunState s = model.snapshot();
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (condition.test(s) || left <= 0) {
                    return s;
                }
                lock.wait(left);
            }
        }
    }

    private void shutdown() {
        if (monitors != null) {
            monitors.close();
        }
        ticker.shutdownNow();
        control.shutdown();
        stepThread.shutdown();
        hostPool.shutdown();
        notifier.shutdown();
    }

    /**
     * Cancels running commands through the token, never by interrupting threads: an interrupt in the
     * middle of a database write closes H2's file channel.
     */
    @Override
    public void close() {
        cancel.cancel();
        shutdown();
    }
}
