package dev.belay.ui.run;

import dev.belay.engine.HostStatus;
import dev.belay.engine.Option;
import dev.belay.engine.Phase;
import dev.belay.engine.RunState;
import dev.belay.engine.StepState;
import dev.belay.engine.StepStatus;
import dev.belay.runbook.FailurePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * What the operator can do on the step in view, and why the other actions are not offered: the
 * rule that keeps the run window from being a dead end. Plain Java, so it is tested without a stage.
 */
final class StepChoices {

    /** An action of the run window. */
    enum Kind { RUN, RETRY, CONFIRM, TERMINAL, RESOLVE, OVERRIDE_PREFLIGHT, SKIP, ROLLBACK, ABORT }

    /**
     * One action: offered now ({@code allowed}) with what it does, or not, with why not.
     * {@code host} is set for RESOLVE (one per host whose outcome is unknown).
     */
    record Choice(Kind kind, String host, boolean allowed, String why) {
        static Choice yes(Kind k, String what) {
            return new Choice(k, null, true, what);
        }

        static Choice no(Kind k, String why) {
            return new Choice(k, null, false, why);
        }
    }

    private StepChoices() {
    }

    /**
     * The choices on {@code step}: offered ones first, in button order, then the ones not offered
     * with their reason. {@code policy} is the step's on_failure (its own, else the runbook's).
     */
    static List<Choice> of(RunState run, StepState step, FailurePolicy policy) {
        List<Choice> out = new ArrayList<>();
        if (run == null || step == null || run.status().ended()) {
            return out;
        }
        List<Option> opts = run.awaiting() != null && (run.awaiting().stepId() == null
                || run.awaiting().stepId().equals(step.id())) ? run.awaiting().options() : List.of();
        boolean failed = step.status() == StepStatus.FAILED;
        if (opts.contains(Option.RUN)) {
            out.add(Choice.yes(Kind.RUN, step.status() == StepStatus.OUTCOME_UNKNOWN
                    ? "Run it again: it was interrupted and no host is in doubt (Ctrl+Enter)" : "Run this step (Ctrl+Enter)"));
        }
        if (failed && opts.contains(Option.RETRY)) {
            out.add(Choice.yes(Kind.RETRY, "Run it again on the hosts that did not pass (Ctrl+Enter)"));
        }
        if (opts.contains(Option.CONFIRM)) {
            if ("terminal".equals(step.kind())) {
                out.add(Choice.yes(Kind.TERMINAL, "Type the command into " + step.terminalHost() + "'s terminal (Ctrl+T)"));
            }
            out.add(Choice.yes(Kind.CONFIRM, "Tick this step (Ctrl+Shift+C)"));
        }
        if (opts.contains(Option.RESOLVE_UNKNOWN)) {
            step.hosts().stream().filter(h -> h.status() == HostStatus.OUTCOME_UNKNOWN).forEach(h -> out.add(
                    new Choice(Kind.RESOLVE, h.host(), true, "Check on " + h.host()
                            + " by hand what the command did, then re-run it or mark it done or failed")));
        }
        if (opts.contains(Option.OVERRIDE_PREFLIGHT)) {
            out.add(Choice.yes(Kind.OVERRIDE_PREFLIGHT, "Go on although preflight checks failed; a reason is required"));
        }
        if (opts.contains(Option.SKIP)) {
            out.add(Choice.yes(Kind.SKIP, "Skip this step; a reason is required (Ctrl+Shift+S)"));
        }
        boolean rollbackHere = opts.contains(Option.ROLLBACK)
                || failed && step.phase() == Phase.MAIN && rollbackPossible(run) != null && rollbackPossible(run).isEmpty();
        if (rollbackHere) {
            out.add(Choice.yes(Kind.ROLLBACK, "Run the rollback steps; a reason is required"));
        }
        out.add(Choice.yes(Kind.ABORT, "End the run now; running commands are cancelled; a reason is required"));
        notOffered(out, run, step, policy, opts, rollbackHere);
        return out;
    }

    /** Why retry, skip, roll back or run are not offered, where the operator would look for them. */
    private static void notOffered(List<Choice> out, RunState run, StepState step, FailurePolicy policy,
                                   List<Option> opts, boolean rollbackHere) {
        boolean failed = step.status() == StepStatus.FAILED;
        String rule = "on_failure: " + policy.name().toLowerCase(java.util.Locale.ROOT);
        if (failed && !opts.contains(Option.RETRY)) {
            out.add(Choice.no(Kind.RETRY, policy == FailurePolicy.STOP
                    ? "the runbook says " + rule + ": a failed step is not run again from here"
                    : policy == FailurePolicy.ROLLBACK ? "the runbook says " + rule + ": this failure leads to the rollback"
                    : "not offered now"));
        }
        if (failed && !opts.contains(Option.SKIP)) {
            out.add(Choice.no(Kind.SKIP, "the runbook says " + rule + ": the steps after a failure do not run"));
        }
        if (failed && !rollbackHere) {
            String why = step.phase() == Phase.ROLLBACK ? "this is a rollback step already"
                    : step.phase() == Phase.PREFLIGHT ? "nothing has changed yet: preflight checks only look"
                    : rollbackPossible(run);
            out.add(Choice.no(Kind.ROLLBACK, why == null || why.isEmpty() ? "not offered now" : why));
        }
        if (step.status() == StepStatus.RUNNING) {
            out.add(Choice.no(Kind.RUN, step.countdown() != null ? "the step is waiting out a pause; it goes on by itself"
                    : "the step is running; its hosts report below as they finish"));
        } else if (step.status() == StepStatus.PENDING && !opts.contains(Option.RUN)) {
            String next = run.awaiting() != null && run.awaiting().stepId() != null
                    ? run.step(run.awaiting().stepId()).map(StepState::title).orElse(run.awaiting().stepId()) : null;
            out.add(Choice.no(Kind.RUN, next != null ? "steps run in order; Belay is at '" + next + "'"
                    : "steps run in order; this one comes later"));
        }
    }

    /** Empty when a rollback can start now; else why not (null when there is nothing to roll back). */
    static String rollbackPossible(RunState run) {
        if (run.phase(Phase.ROLLBACK).isEmpty()) {
            return "the runbook has no rollback steps";
        }
        if (run.pointOfNoReturnPassed()) {
            return "a point of no return has been passed: the rollback steps would not restore the old state";
        }
        if (run.rollbackStarted()) {
            return "the rollback has started already";
        }
        if (run.steps().stream().anyMatch(s -> s.status() == StepStatus.RUNNING)) {
            return "a step is running; wait for it or abort";
        }
        return "";
    }

    /** The first offered choice of {@code kind}, if any. */
    static java.util.Optional<Choice> offered(List<Choice> choices, Kind kind) {
        return choices.stream().filter(c -> c.allowed() && c.kind() == kind).findFirst();
    }
}
