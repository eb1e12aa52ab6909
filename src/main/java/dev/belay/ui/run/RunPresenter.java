package dev.belay.ui.run;

import dev.belay.engine.Option;
import dev.belay.engine.Plan;
import dev.belay.engine.PlannedStep;
import dev.belay.engine.Resolution;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunState;
import dev.belay.engine.StepState;
import dev.belay.engine.StepStatus;
import dev.belay.engine.WindowStatus;
import dev.belay.runbook.FailurePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The run window's logic without JavaFX: which step is in view (the rule below), what can be done
 * on it, and the run's commands. The view calls the commands (buttons and keyboard alike) and shows
 * each {@link RunScreen} the presenter hands to its {@link Display}.
 */
final class RunPresenter {

    /** Where the presenter's results go (the view model). */
    interface Display {
        void show(RunScreen screen);

        /** A command failed or is not possible now; the text says why. Empty clears it. */
        void error(String message);
    }

    /** Questions only the operator can answer (dialogs in the view; answers in tests). */
    interface Questions {
        /** A required reason; empty when cancelled. */
        Optional<String> reason(String title, String header, String ok);

        /** How an unknown outcome was decided, with the operator's own note; empty when cancelled. */
        Optional<Resolved> resolution(String stepId, String host);

        /** At a point of no return: the next approval (the operator's, then another person's); empty when cancelled. */
        Optional<dev.belay.ui.approval.Approval> approval(dev.belay.engine.ApprovalState waiting);
    }

    /** The operator's decision on an unknown outcome and their note of what they checked. */
    record Resolved(Resolution resolution, String note) {
    }

    private final Display display;
    private final Questions questions;
    private final Executor ui;
    private final Supplier<Instant> clock;
    private RunController controller;
    private Plan plan;
    private RunState state;
    private WindowStatus window;
    private String shownId;
    private String lastActive;
    private boolean follow = true;
    private String endReason;

    /** @param ui where command results are handed back (the FX thread; a plain caller in tests) */
    RunPresenter(Display display, Questions questions, Executor ui, Supplier<Instant> clock) {
        this.display = display;
        this.questions = questions;
        this.ui = ui;
        this.clock = clock;
    }

    void attach(RunController controller, Plan plan) {
        this.controller = controller;
        this.plan = plan;
    }

    RunState state() {
        return state;
    }

    String shownStepId() {
        return shownId;
    }

    /** Keeps what the end panel needs from events the state does not hold (the finish or abort reason). */
    void onEvent(RunEvent e) {
        if (e instanceof RunEvent.RunFinished f) {
            endReason = f.message();
        } else if (e instanceof RunEvent.RunAborted a) {
            endReason = a.reason();
        }
    }

    /** A fresh state: the view follows the engine to its active step unless the operator looks elsewhere. */
    void onState(RunState s, WindowStatus w) {
        state = s;
        window = w;
        String active = activeStep(s);
        if (active != null && !active.equals(lastActive)) {
            lastActive = active;
            follow = true;
        }
        shownId = follow && active != null ? active : shownId != null ? shownId : active;
        publish();
    }

    /** The operator picked a step in the list: show it; the view follows the engine again once they pick the active one. */
    void select(String stepId) {
        if (state == null || state.step(stepId).isEmpty()) {
            return;
        }
        follow = stepId.equals(lastActive);
        shownId = stepId;
        publish();
    }

    /** Alt+Down / Alt+Up: the next or previous step. */
    void move(int delta) {
        if (state == null || state.steps().isEmpty()) {
            return;
        }
        List<StepState> all = state.steps();
        int i = shownId == null ? 0 : all.indexOf(state.step(shownId).orElse(all.get(0)));
        select(all.get(Math.max(0, Math.min(all.size() - 1, i + delta))).id());
    }

    /** Ctrl+J: back to the step the engine is on. */
    void followActive() {
        follow = true;
        if (lastActive != null) {
            shownId = lastActive;
            publish();
        }
    }

    private void publish() {
        if (state == null) {
            return;
        }
        StepState shown = shownId == null ? null : state.step(shownId).orElse(null);
        List<StepChoices.Choice> choices = StepChoices.of(state, shown, shown == null ? FailurePolicy.ASK : policy(shown.id()));
        display.show(new RunScreen(state, window, shown, choices, statusText(state),
                shown == null ? null : CountdownText.of(shown.countdown(), now()),
                state.status().ended() ? RunEnd.of(state, endReason, plan == null ? null : plan.estimate()) : null));
    }

    /** The run's time: a practice lab may run its clock faster than the wall, and countdowns are in run time. */
    private Instant now() {
        return window != null && window.now() != null ? window.now() : clock.get();
    }

    /** The step's on_failure: its own, else the runbook's (the engine's one rule). */
    private FailurePolicy policy(String stepId) {
        if (plan == null) {
            return FailurePolicy.ASK;
        }
        FailurePolicy own = plan.find(stepId).map(PlannedStep::step).map(s -> s.onFailure()).orElse(null);
        return own != null ? own : plan.runbook().onFailure();
    }

    /**
     * The step to show: the one the engine asks about, else the one running, else the last started.
     * When the engine only waits for Run on the next step, the step that just finished stays in
     * view (its output and checks are what the operator reads); the panel offers the next one.
     */
    static String activeStep(RunState s) {
        String last = null;
        String running = null;
        for (StepState st : s.steps()) {
            if (st.status() == StepStatus.RUNNING) {
                running = st.id();
            }
            if (st.finishedAt() != null && (last == null || !st.finishedAt().isBefore(
                    s.step(last).map(StepState::finishedAt).orElse(st.finishedAt())))) {
                last = st.id();
            }
        }
        if (running != null) {
            return running;
        }
        if (s.awaiting() != null && s.awaiting().stepId() != null) {
            boolean readyOnly = s.step(s.awaiting().stepId()).map(x -> x.status() == StepStatus.PENDING).orElse(false)
                    && s.awaiting().options().contains(Option.RUN);
            return readyOnly && last != null ? last : s.awaiting().stepId();
        }
        return last;
    }

    static String statusText(RunState s) {
        return switch (s.status()) {
            case NOT_STARTED -> "starting";
            case RUNNING -> s.rollbackStarted() ? "rolling back" : "running";
            case WAITING_FOR_OPERATOR -> "waiting for you";
            default -> RunEnd.outcome(s.status());
        };
    }

    // ---- commands: each checks nothing the engine checks; the engine's refusal is shown as the error

    /**
     * Ctrl+Enter: runs the step the engine waits to run, or retries the failed one; otherwise says
     * what is possible instead. Every way of starting a step ends in {@link #run(String)}.
     */
    void runNext() {
        if (state == null || state.status().ended()) {
            display.error(state == null ? "The run has not started yet." : "The run has ended; nothing runs any more.");
            return;
        }
        var a = state.awaiting();
        if (a != null && a.stepId() != null && a.options().contains(Option.RUN)) {
            run(a.stepId());
        } else if (a != null && a.stepId() != null && a.options().contains(Option.RETRY)
                && state.step(a.stepId()).map(s -> s.status() == StepStatus.FAILED).orElse(false)) {
            retry(a.stepId());
        } else {
            display.error("Ctrl+Enter has nothing to run now: " + (a == null ? "a step is running"
                    : a.prompt() + ". Possible: " + String.join(", ", a.options().stream().map(RunPresenter::word).toList())));
        }
    }

    /** Starts {@code stepId}: the one place a step is started from the window (buttons and Ctrl+Enter). */
    void run(String stepId) {
        var ponr = NoReturnPrompt.waiting(state, stepId);
        if (ponr.isPresent()) {
            // the engine refuses RUN here until the approvals are in: ask for the next one instead
            questions.approval(ponr.get()).ifPresent(a -> send(c -> c.approve(stepId, a.approver(),
                    a.typedEnvironment(), a.note())));
            return;
        }
        send(c -> c.run(stepId));
    }

    void confirm(String stepId, String note) {
        send(c -> c.confirm(stepId, note == null || note.isBlank() ? null : note.strip()));
    }

    void retry(String stepId) {
        send(c -> c.retry(stepId));
    }

    void skip(String stepId) {
        questions.reason("Skip a step", "Skip '" + title(stepId) + "'?", "Skip")
                .ifPresent(r -> send(c -> c.skip(stepId, r)));
    }

    void rollback() {
        questions.reason("Roll back", "Run the rollback steps now?", "Roll back")
                .ifPresent(r -> send(c -> c.startRollback(r)));
    }

    void overridePreflight() {
        questions.reason("Override the preflight", "Go on although preflight checks failed?", "Override")
                .ifPresent(r -> send(c -> c.overridePreflight(r)));
    }

    void abort() {
        questions.reason("Abort the run", "Stop the run? Running commands are cancelled.", "Abort run")
                .ifPresent(r -> send(c -> c.abort(r)));
    }

    void resolve(String stepId, String host) {
        questions.resolution(stepId, host).ifPresent(r -> send(c -> c.resolveUnknown(stepId, host, r.resolution(), r.note())));
    }

    /** The shown step's choice of {@code kind}, if offered: what keyboard shortcuts for one action call. */
    void onShown(StepChoices.Kind kind, java.util.function.Consumer<String> command) {
        if (state == null || shownId == null) {
            return;
        }
        StepState shown = state.step(shownId).orElse(null);
        if (shown != null && StepChoices.offered(StepChoices.of(state, shown, policy(shownId)), kind).isPresent()) {
            command.accept(shownId);
        } else {
            display.error(word(kind) + " is not possible on '" + (shown == null ? shownId : shown.title()) + "' now.");
        }
    }

    private String title(String stepId) {
        return state == null ? stepId : state.step(stepId).map(StepState::title).orElse(stepId);
    }

    private void send(Function<RunController, CompletableFuture<Void>> command) {
        if (controller == null) {
            return;
        }
        display.error("");
        command.apply(controller).whenCompleteAsync((v, e) -> {
            if (e != null) {
                display.error(rootMessage(e));
            }
        }, ui);
    }

    private static String word(Option o) {
        return o.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    private static String word(StepChoices.Kind k) {
        String w = k.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
