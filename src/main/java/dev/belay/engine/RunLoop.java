package dev.belay.engine;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run loop. Decisions (what runs next, what to ask, the window's warnings) and the operator's
 * commands run on one control thread, so they never race; a step runs on the step thread and fans out
 * to the host pool; monitors have their own scheduler; a ticker checks the window clock while a long
 * step runs. The loop owns these threads and stops them when the run ends or is closed.
 */
final class RunLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RunLoop.class);
    private static final Duration CLOCK_TICK = Duration.ofSeconds(5);
    /** How often a run waiting at a point of no return looks for approvals given by another Belay. */
    private static final Duration APPROVAL_POLL = Duration.ofSeconds(1);

    private final String runId;
    private final StepContext env;
    private final RunJournal journal;
    private final WindowClock windowClock;
    private final boolean stepByStep;
    private final ExecutorService control = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-control"));
    private final ExecutorService stepThread = Executors.newSingleThreadExecutor(Threads.daemon("belay-run-step"));
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("belay-run-clock"));
    private final Set<WindowStatus.Warning> warned = EnumSet.noneOf(WindowStatus.Warning.class);
    private final StepRunner steps;
    private final NoReturnGate noReturn;
    private MonitorRunner monitors;
    private boolean executing;

    RunLoop(String runId, StepContext env, WindowClock windowClock, boolean stepByStep, NoReturnGate noReturn) {
        this.noReturn = noReturn;
        this.runId = runId;
        this.env = env;
        this.journal = env.journal();
        this.windowClock = windowClock;
        this.stepByStep = stepByStep;
        this.steps = new StepRunner(env);
    }

    /** Records {@code first} (RunStarted or RunResumed), starts the monitors and the first decision. */
    void begin(RunEvent first) {
        if (journal.read(m -> m.status().ended())) {
            shutdown();
            return;
        }
        env.emit(first);
        monitors = new MonitorRunner(env.plan().monitors(), env.plan().inventory(), env.transport(), env.clock(),
                journal.read(RunModel::knownMonitors), env::emit);
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

    WindowStatus window() {
        return windowClock.at(journal.snapshot(), env.clock().instant());
    }

    /** The point-of-no-return rules of this run. */
    NoReturnGate noReturn() {
        return noReturn;
    }

    /** True while a step is on the step thread (control thread only). */
    boolean executing() {
        return executing;
    }

    /**
     * Runs an operator's command on the control thread, then the decision that follows it. The future
     * fails with the command's {@link IllegalStateException} when it is not allowed now.
     */
    CompletableFuture<Void> command(Runnable body) {
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
            env.emit(new RunEvent.StepSkipped(env.clock().instant(), k.stepId(), k.reason(), false));
            advance();
        } else if (next instanceof Navigator.Next.Finish f) {
            env.emit(new RunEvent.RunFinished(env.clock().instant(), f.status(), f.message()));
            shutdown();
        }
    }

    /** Hands {@code stepId} to the step thread; the next decision follows when it returns. */
    void execute(String stepId) {
        PlannedStep step = env.plan().find(stepId).orElseThrow();
        env.emit(new RunEvent.StepDispatched(env.clock().instant(), stepId));
        executing = true;
        stepThread.execute(() -> {
            try {
                steps.execute(step);
            } catch (EventSink.EventSinkException e) {
                halt(e.getMessage());
            } catch (Throwable e) {
                // Not left to the executor, which would swallow it and leave the step RUNNING for ever.
                LOG.error("run {}: step {} broke", runId, stepId, e);
                env.emit(new RunEvent.StepFinished(env.clock().instant(), stepId, false, "internal error: " + e));
            } finally {
                runOnControl(() -> {
                    executing = false;
                    checkWindow();
                    if (!env.cancel().isCancelled()) {
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
        env.cancel().cancel();
        // live-only: it needs no log
        env.emit(new RunEvent.AwaitingOperator(env.clock().instant(), null, "stopped: the audit log cannot record events ("
                + why + "); resume the run once it can", List.of()));
        shutdown();
    }

    private void ask(Awaiting awaiting) {
        boolean confirmable = awaiting.stepId() != null && journal.read(m ->
                m.step(awaiting.stepId()).status() == StepStatus.AWAITING_CONFIRMATION);
        if (env.autoConfirm() && confirmable) {
            Confirmation.record(env::emit, env.clock().instant(), awaiting.stepId(), "--auto-confirm", true);
            advance();
            return;
        }
        if (env.autoConfirm() && journal.read(m -> Navigator.autoRollback(m, awaiting))) {
            env.emit(new RunEvent.RollbackStarted(env.clock().instant(),
                    "on_failure: rollback, started automatically (--auto-confirm)", awaiting.stepId()));
            advance();
            return;
        }
        if (noReturn.asked(awaiting)) {
            // recorded the request (and an --auto-confirm approval) first: decide again from that state
            advance();
            return;
        }
        boolean asked = journal.read(m -> awaiting.equals(m.awaiting()) && m.status() == RunStatus.WAITING_FOR_OPERATOR);
        if (!asked) {
            env.emit(new RunEvent.AwaitingOperator(env.clock().instant(), awaiting.stepId(), awaiting.prompt(),
                    awaiting.options()));
        }
    }

    private void checkWindow() {
        if (journal.read(m -> m.status().ended())) {
            return;
        }
        WindowStatus w = window();
        for (WindowStatus.Warning warning : w.warnings()) {
            if (warned.add(warning)) {
                String msg = warning == WindowStatus.Warning.PROJECTED_PAST_END
                        ? "projected end " + w.projectedEnd() + " is after the window end " + w.windowEnd()
                        : "the last point where a rollback still fits (" + w.lastRollbackStart() + ") is near";
                env.emit(new RunEvent.WindowWarning(env.clock().instant(), warning.name(), msg));
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

    /** Stops the threads; queued listeners still get what was recorded. */
    void shutdown() {
        if (monitors != null) {
            monitors.close();
        }
        ticker.shutdownNow();
        control.shutdown();
        stepThread.shutdown();
        env.hostPool().shutdown();
        journal.close();
    }

    /**
     * Cancels running commands through the token, never by interrupting threads: an interrupt in the
     * middle of a database write closes H2's file channel.
     */
    void close() {
        env.cancel().cancel();
        shutdown();
    }
}
