package dev.belay.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The operator's handle on a run: a small command set and a state snapshot. Commands never block
 * the caller (the UI thread may call them): each returns a future that completes once the command's
 * event is durable, or fails with {@link IllegalStateException} saying why the command is not allowed now.
 */
public interface RunController extends AutoCloseable {

    String runId();

    /** The plan the run executes (on resume, the one rebuilt from the recorded files and vars). */
    Plan plan();

    /** The current state; cheap, safe from any thread. */
    RunState state();

    /** The window clock as of now. */
    WindowStatus window();

    /**
     * Receives every event after it is durable, in order, on an engine thread. Listeners must not
     * block; a UI hops to its own thread from here.
     */
    void addListener(Consumer<RunEvent> listener);

    void removeListener(Consumer<RunEvent> listener);

    /** Runs a step that waits for the operator's go (step-by-step mode, or an interrupted step). */
    CompletableFuture<Void> run(String stepId);

    /** Ticks a step that waits for confirmation; {@code note} may be null. */
    CompletableFuture<Void> confirm(String stepId, String note);

    /** Skips a step that is not running; a reason is required. */
    CompletableFuture<Void> skip(String stepId, String reason);

    /** Runs a failed step again (on its hosts that did not pass). */
    CompletableFuture<Void> retry(String stepId);

    /** Stops the run: running commands are cancelled. */
    CompletableFuture<Void> abort(String reason);

    /** Runs the rollback steps; allowed before a point of no return has been passed. */
    CompletableFuture<Void> startRollback(String reason);

    CompletableFuture<Void> note(String text);

    CompletableFuture<Void> handover(String newOperator);

    /** Goes on despite failed preflight checks; a reason is required and audited. */
    CompletableFuture<Void> overridePreflight(String reason);

    /**
     * Approves a point of no return as {@code approver}, who types the environment's name; the last
     * approval needed starts the step. Fails when the name does not match, the approver already
     * approved, or the step does not wait for approvals.
     */
    CompletableFuture<Void> approve(String stepId, String approver, String typedEnvironment, String note);

    /** Decides a command whose outcome is unknown after an interruption. */
    CompletableFuture<Void> resolveUnknown(String stepId, String host, Resolution resolution, String note);

    /** The unmasked command of a terminal step, to type into the terminal (secrets included: never log it). */
    String terminalCommand(String stepId);

    /** Blocks until {@code condition} holds on the state, or {@code timeout} passes; returns the last state. */
    RunState await(Predicate<RunState> condition, Duration timeout) throws InterruptedException;

    /** Blocks until the engine waits for the operator or the run has ended. */
    default RunState awaitSettled(Duration timeout) throws InterruptedException {
        return await(s -> s.status().ended() || s.awaiting() != null, timeout);
    }

    /** Stops the engine's threads without ending the run: it stays resumable. */
    @Override
    void close();
}
