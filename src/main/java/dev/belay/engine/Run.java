package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import dev.belay.inventory.Host;
import dev.belay.runbook.Action;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live run. Decisions and operator commands run on a single control thread; a step runs on the
 * step thread and fans out to a bounded host pool; monitors have their own scheduler. Every change
 * goes through the {@link RunJournal}: stored first, then applied, then shown.
 */
final class Run implements RunController, StepContext {

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);
    private static final int MAX_HOST_THREADS = 16;
    private static final Duration CLOCK_TICK = Duration.ofSeconds(5);
    /** How often a run waiting at a point of no return looks for approvals given by another Belay. */
    private static final Duration APPROVAL_POLL = Duration.ofSeconds(1);

    private final String runId;
    private final Plan plan;
    private final Transport transport;
    private final Clock clock;
    private final RunJournal journal;
    private final SecretMasker masker;
    private final SnapshotStore snapshots;
    private final WindowClock windowClock;
    private final ExecutorService control = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-control"));
    private final ExecutorService stepThread = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-step"));
    private final ExecutorService hostPool;
    // The window clock is also checked while a long step runs, not only between steps.
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("belay-run-clock"));
    private final Set<WindowStatus.Warning> warned = EnumSet.noneOf(WindowStatus.Warning.class);
    private final CancelToken cancel = new CancelToken();
    private final StepRunner steps;
    private final boolean autoConfirm;
    private final boolean stepByStep;
    private final NoReturnGate noReturn;
    private MonitorRunner monitors;
    private boolean executing;
    private Awaiting lastAsked;

    Run(String runId, Plan plan, RunStore store, Transport transport, Clock clock, boolean autoConfirm,
        boolean stepByStep) {
        this.runId = runId;
        this.plan = plan;
        this.transport = transport;
        this.clock = clock;
        this.journal = new RunJournal(runId, store, plan);
        this.masker = SecretMasker.of(plan.secretValues());
        this.snapshots = new SnapshotStore(store, plan.runbook().id(), plan.inventory().environment());
        Map<String, Duration> medians = new LinkedHashMap<>();
        store.stepDurations(plan.runbook().id(), runId).forEach((k, v) -> medians.put(k, StepDurations.median(v)));
        this.windowClock = new WindowClock(plan, medians);
        this.autoConfirm = autoConfirm;
        this.stepByStep = stepByStep;
        int hosts = Math.max(1, Math.min(MAX_HOST_THREADS, plan.inventory().hosts().size()));
        this.hostPool = Executors.newFixedThreadPool(hosts, Threads.daemon("belay-run-host"));
        this.steps = new StepRunner(this);
        this.noReturn = new NoReturnGate(runId, journal, store, clock, this::emit, autoConfirm);
    }

    /** Applies stored events without re-recording them (resume). */
    void replay(List<RunEvent> events) {
        journal.replay(events);
    }

    /** Records {@code first} (RunStarted or RunResumed), starts the monitors and the first decision. */
    void begin(RunEvent first) {
        if (journal.read(m -> m.status.ended())) {
            shutdown();
            return;
        }
        emit(first);
        Map<String, Boolean> known = journal.read(m -> {
            Map<String, Boolean> k = new LinkedHashMap<>();
            m.monitors.values().stream().filter(x -> x.up != null).forEach(x -> k.put(x.id, x.up));
            return k;
        });
        monitors = new MonitorRunner(plan.monitors(), plan.inventory(), transport, clock, known, this::emit);
        monitors.start();
        ticker.scheduleWithFixedDelay(() -> runOnControl(this::checkWindow), CLOCK_TICK.toMillis(),
                CLOCK_TICK.toMillis(), TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(() -> runOnControl(() -> {
            if (noReturn.adoptStored()) {
                advance();
            }
        }), APPROVAL_POLL.toMillis(), APPROVAL_POLL.toMillis(), TimeUnit.MILLISECONDS);
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
    public SecretMasker masker() {
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
        return journal.read(m -> m.mode);
    }

    @Override
    public boolean autoConfirm() {
        return autoConfirm;
    }

    @Override
    public void emit(RunEvent event) {
        journal.emit(event);
    }

    @Override
    public Map<String, String> capturesOf(String host) {
        return journal.read(m -> {
            Map<String, String> out = new LinkedHashMap<>(m.latestCaptures);
            out.putAll(m.captures.getOrDefault(host, Map.of()));
            return out;
        });
    }

    @Override
    public Map<String, Map<String, String>> captures() {
        return journal.read(m -> {
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            m.captures.forEach((k, v) -> out.put(k, Map.copyOf(v)));
            return out;
        });
    }

    @Override
    public boolean hostPassed(String stepId, String host) {
        return journal.read(m -> {
            RunModel.HostModel h = m.step(stepId).hosts.get(host);
            return h != null && h.status == HostStatus.PASSED;
        });
    }

    // ---- decisions (control thread)

    private void advance() {
        if (executing || control.isShutdown()) {
            return;
        }
        Navigator.Next next = journal.read(m -> Navigator.next(m, stepByStep));
        if (next instanceof Navigator.Next.Execute e) {
            execute(e.stepId());
        } else if (next instanceof Navigator.Next.Ask a) {
            ask(a.awaiting());
        } else if (next instanceof Navigator.Next.Skip k) {
            emit(new RunEvent.StepSkipped(clock.instant(), k.stepId(), k.reason(), false));
            advance();
        } else if (next instanceof Navigator.Next.Finish f) {
            emit(new RunEvent.RunFinished(clock.instant(), f.status(), f.message()));
            shutdown();
        }
    }

    private void execute(String stepId) {
        PlannedStep step = plan.find(stepId).orElseThrow();
        journal.update(m -> {
            m.awaiting = null;
            m.status = RunStatus.RUNNING;
        });
        lastAsked = null;
        executing = true;
        stepThread.execute(() -> {
            try {
                steps.execute(step);
            } catch (EventSink.EventSinkException e) {
                halt(e.getMessage());
            } catch (Throwable e) {
                // Not left to the executor, which would swallow it and leave the step RUNNING for ever.
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
        journal.update(m -> m.awaiting = new Awaiting(null, "stopped: the audit log cannot record events (" + why
                + "); resume the run once it can", List.of()));
        shutdown();
    }

    private void ask(Awaiting awaiting) {
        boolean confirmable = awaiting.stepId() != null && journal.read(m ->
                m.step(awaiting.stepId()).status == StepStatus.AWAITING_CONFIRMATION);
        if (autoConfirm && confirmable) {
            Confirmation.record(this::emit, clock.instant(), awaiting.stepId(), "--auto-confirm", true);
            advance();
            return;
        }
        if (autoConfirm && journal.read(m -> Navigator.autoRollback(m, awaiting))) {
            emit(new RunEvent.RollbackStarted(clock.instant(),
                    "on_failure: rollback, started automatically (--auto-confirm)", awaiting.stepId()));
            advance();
            return;
        }
        if (noReturn.asked(awaiting)) {
            // recorded the request (and an --auto-confirm approval) first: ask again from that state
            advance();
            return;
        }
        journal.update(m -> {
            m.awaiting = awaiting;
            m.status = RunStatus.WAITING_FOR_OPERATOR;
        });
        if (!awaiting.equals(lastAsked)) {
            lastAsked = awaiting;
            emit(new RunEvent.AwaitingOperator(clock.instant(), awaiting.stepId(), awaiting.prompt(), awaiting.options()));
        }
    }

    private void checkWindow() {
        if (journal.read(m -> m.status.ended())) {
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

    // ---- operator commands: validated and applied on the control thread

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

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private void requireOffered(String stepId, Option option) {
        Awaiting a = journal.read(m -> m.awaiting);
        require(a != null && a.options().contains(option) && (stepId == null || stepId.equals(a.stepId())),
                option.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " is not offered now"
                        + (stepId == null ? "" : " for step '" + stepId + "'")
                        + (a == null ? " (a step is running)" : " (offered: " + a.options() + " for '" + a.stepId() + "')"));
    }

    private StepStatus statusOf(String stepId) {
        require(plan.find(stepId).isPresent(), "run " + runId + " has no step '" + stepId + "'");
        return journal.read(m -> m.step(stepId).status);
    }

    private static String required(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return text.strip();
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public RunState state() {
        return journal.snapshot();
    }

    @Override
    public WindowStatus window() {
        return windowClock.at(state(), clock.instant());
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
        return command(() -> {
            requireOffered(stepId, Option.RUN);
            noReturn.requireApproved(stepId);
            execute(stepId);
        });
    }

    @Override
    public CompletableFuture<Void> approve(String stepId, String approver, String typedEnvironment, String note) {
        return command(() -> {
            statusOf(stepId);
            noReturn.approve(stepId, approver, typedEnvironment, note == null || note.isBlank() ? null : masker.mask(note));
        });
    }

    @Override
    public CompletableFuture<Void> confirm(String stepId, String note) {
        return command(() -> {
            require(statusOf(stepId) == StepStatus.AWAITING_CONFIRMATION,
                    "step '" + stepId + "' is not waiting for confirmation");
            Confirmation.record(this::emit, clock.instant(), stepId, note == null ? null : masker.mask(note), false);
        });
    }

    @Override
    public CompletableFuture<Void> skip(String stepId, String reason) {
        return command(() -> {
            String why = required(reason, "a reason to skip");
            StepStatus s = statusOf(stepId);
            require(s != StepStatus.RUNNING && !s.done(), "step '" + stepId + "' is " + s + " and cannot be skipped");
            Awaiting a = journal.read(m -> m.awaiting);
            if (a != null && stepId.equals(a.stepId())) {
                requireOffered(stepId, Option.SKIP);
            }
            emit(new RunEvent.StepSkipped(clock.instant(), stepId, masker.mask(why), true));
        });
    }

    @Override
    public CompletableFuture<Void> retry(String stepId) {
        return command(() -> {
            require(statusOf(stepId) == StepStatus.FAILED, "step '" + stepId + "' has not failed");
            requireOffered(null, Option.RETRY);
            execute(stepId);
        });
    }

    @Override
    public CompletableFuture<Void> abort(String reason) {
        return command(() -> {
            String why = required(reason, "a reason to abort");
            require(!journal.read(m -> m.status.ended()), "run " + runId + " has already ended");
            cancel.cancel();
            emit(new RunEvent.RunAborted(clock.instant(), masker.mask(why)));
            shutdown();
        });
    }

    @Override
    public CompletableFuture<Void> startRollback(String reason) {
        return command(() -> {
            String why = required(reason, "a reason to roll back");
            require(!executing, "a step is running; wait for it or abort");
            require(!plan.rollback().isEmpty(), "runbook " + plan.runbook().id() + " has no rollback steps");
            String failed = journal.read(m -> {
                require(!m.pointOfNoReturnPassed, "a point of no return has been passed: rollback is no longer offered");
                require(!m.rollbackStarted && !m.status.ended(), "rollback has already started or the run ended");
                return m.steps.values().stream().filter(s -> s.status == StepStatus.FAILED)
                        .map(s -> s.planned.id()).reduce((x, y) -> y).orElse(null);
            });
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
            emit(new RunEvent.Handover(clock.instant(), journal.read(m -> m.operator), to));
        });
    }

    @Override
    public CompletableFuture<Void> overridePreflight(String reason) {
        return command(() -> {
            String why = required(reason, "a reason to override the preflight");
            requireOffered(null, Option.OVERRIDE_PREFLIGHT);
            List<String> failed = journal.read(m -> plan.preflight().stream().map(PlannedStep::id)
                    .filter(id -> m.step(id).status == StepStatus.FAILED).toList());
            emit(new RunEvent.PreflightOverridden(clock.instant(), masker.mask(why), failed));
        });
    }

    @Override
    public CompletableFuture<Void> resolveUnknown(String stepId, String host, Resolution resolution, String note) {
        return command(() -> {
            statusOf(stepId);
            require(journal.read(m -> {
                RunModel.HostModel h = m.step(stepId).hosts.get(host);
                return h != null && h.status == HostStatus.OUTCOME_UNKNOWN;
            }), "step '" + stepId + "' has no unknown outcome on host " + host);
            emit(new RunEvent.OutcomeResolved(clock.instant(), stepId, host, resolution,
                    note == null ? null : masker.mask(note)));
            List<HostStatus> hosts = journal.read(m -> m.step(stepId).hosts.values().stream().map(h -> h.status).toList());
            if (hosts.contains(HostStatus.OUTCOME_UNKNOWN)) {
                return;
            }
            if (hosts.contains(HostStatus.FAILED)) {
                emit(new RunEvent.StepFinished(clock.instant(), stepId, false, "marked failed by the operator"));
            } else {
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
        String hostName = journal.read(m -> m.step(stepId).terminalHost);
        Host host = hostName == null ? null : plan.inventory().hosts().get(hostName);
        return host == null ? t.command() : VarSubstitution.forHost(t.command(), host, capturesOf(host.name()), stepId);
    }

    @Override
    public RunState await(Predicate<RunState> condition, Duration timeout) throws InterruptedException {
        return journal.await(condition, timeout);
    }

    private void shutdown() {
        if (monitors != null) {
            monitors.close();
        }
        ticker.shutdownNow();
        control.shutdown();
        stepThread.shutdown();
        hostPool.shutdown();
        journal.close();
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
