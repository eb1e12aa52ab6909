package dev.belay.engine;

import dev.belay.runbook.FailurePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what comes next from the run's state alone: the step to run, what to ask the operator,
 * or how the run ends. It never offers to move past a failure by itself: a failed step waits for
 * the operator, with the options its {@code on_failure} allows.
 */
final class Navigator {

    /** What the run does next. */
    sealed interface Next {
        record Execute(String stepId) implements Next { }

        record Ask(Awaiting awaiting) implements Next { }

        record Finish(RunStatus status, String message) implements Next { }

        record Nothing() implements Next { }

        /** Record the step as skipped without running it (a rollback of an include whose steps never ran). */
        record Skip(String stepId, String reason) implements Next { }
    }

    private Navigator() {
    }

    static Next next(RunModel m, boolean stepByStep) {
        if (m.status().ended() || m.status() == RunStatus.NOT_STARTED) {
            return new Next.Nothing();
        }
        if (m.steps().stream().anyMatch(s -> s.status() == StepStatus.RUNNING)) {
            return new Next.Nothing();
        }
        if (m.rollbackStarted()) {
            Next skip = unrunScope(m);
            if (skip != null) {
                return skip;
            }
            Next n = walk(m, m.plan().rollback(), false, false);
            return n != null ? n : new Next.Finish(RunStatus.ROLLED_BACK, "rolled back");
        }
        Next pre = preflight(m);
        if (pre != null) {
            return pre;
        }
        Next n = walk(m, m.plan().steps(), stepByStep, true);
        return n != null ? n : new Next.Finish(RunStatus.COMPLETED, "all steps done");
    }

    /**
     * An included runbook's rollback undoes what its steps did; when none of them ran (the run failed
     * before reaching it), there is nothing to undo and its rollback steps are skipped.
     */
    private static Next unrunScope(RunModel m) {
        for (PlannedStep p : m.plan().rollback()) {
            RunModel.StepModel s = m.step(p.id());
            if (s.status().done()) {
                continue;
            }
            if (s.status() == StepStatus.PENDING && !p.scope().isEmpty() && !scopeRan(m, p.scope())) {
                return new Next.Skip(p.id(), "the steps of " + p.scope().substring(0, p.scope().length() - 1)
                        + " never ran: nothing of it to roll back");
            }
            return null;
        }
        return null;
    }

    /** True when a main step (not an included preflight check) of {@code scope} or deeper started. */
    static boolean scopeRan(RunModel m, String scope) {
        return m.plan().steps().stream()
                .filter(p -> !p.includedCheck() && p.scope().startsWith(scope))
                .map(p -> m.step(p.id()).status())
                .anyMatch(st -> st != StepStatus.PENDING && st != StepStatus.SKIPPED);
    }

    /** Preflight runs every check (a failure does not stop the others), then asks if any failed. */
    private static Next preflight(RunModel m) {
        if (m.preflightOverridden() || mainStarted(m)) {
            return null;
        }
        List<String> failed = new ArrayList<>();
        for (PlannedStep p : m.plan().preflight()) {
            RunModel.StepModel s = m.step(p.id());
            if (s.status() == StepStatus.PENDING) {
                return new Next.Execute(p.id());
            }
            if (s.status() == StepStatus.FAILED) {
                failed.add(p.id());
            } else if (!s.status().done()) {
                return stepAsk(m, s, false, false);
            }
        }
        if (failed.isEmpty()) {
            return null;
        }
        return new Next.Ask(new Awaiting(failed.get(0), "preflight failed: " + String.join(", ", failed)
                + "; retry the checks, or override with a reason", List.of(Option.RETRY, Option.OVERRIDE_PREFLIGHT,
                Option.SKIP, Option.ABORT)));
    }

    private static boolean mainStarted(RunModel m) {
        return m.plan().steps().stream().anyMatch(p -> m.step(p.id()).status() != StepStatus.PENDING);
    }

    private static Next walk(RunModel m, List<PlannedStep> list, boolean stepByStep, boolean main) {
        for (PlannedStep p : list) {
            RunModel.StepModel s = m.step(p.id());
            if (s.status().done()) {
                continue;
            }
            if (main && NoReturn.guarded(m, s)) {
                // A point of no return never starts on its own: only its last approval starts it.
                return NoReturn.state(m, p).complete() ? new Next.Execute(p.id()) : new Next.Ask(NoReturn.awaiting(m, s));
            }
            if (s.status() == StepStatus.PENDING && !stepByStep) {
                return new Next.Execute(p.id());
            }
            return stepAsk(m, s, stepByStep, main);
        }
        return null;
    }

    private static Next stepAsk(RunModel m, RunModel.StepModel s, boolean stepByStep, boolean main) {
        List<Option> opts = new ArrayList<>();
        String prompt;
        switch (s.status()) {
            case PENDING -> {
                opts.add(Option.RUN);
                prompt = "ready: " + s.planned().title();
            }
            case AWAITING_CONFIRMATION -> {
                opts.add(Option.CONFIRM);
                prompt = s.planned().confirmPrompt() != null ? s.planned().confirmPrompt()
                        : "look at the result, then confirm: " + s.planned().title();
            }
            case OUTCOME_UNKNOWN -> {
                boolean hostsUnknown = s.hosts().stream().anyMatch(h -> h.status() == HostStatus.OUTCOME_UNKNOWN);
                opts.add(hostsUnknown ? Option.RESOLVE_UNKNOWN : Option.RUN);
                prompt = hostsUnknown ? "outcome unknown on " + unknownHosts(s)
                        + ": check by hand, then re-run or mark done/failed" : "interrupted; run it again or skip it";
            }
            default -> {
                opts.addAll(failureOptions(m, s, main));
                prompt = "failed: " + (s.message() == null ? s.planned().title() : s.message());
                return new Next.Ask(new Awaiting(s.planned().id(), prompt, opts));
            }
        }
        opts.add(Option.SKIP);
        if (main && rollbackAllowed(m)) {
            opts.add(Option.ROLLBACK);
        }
        opts.add(Option.ABORT);
        return new Next.Ask(new Awaiting(s.planned().id(), prompt, opts));
    }

    private static List<Option> failureOptions(RunModel m, RunModel.StepModel s, boolean main) {
        if (!main) {
            return List.of(Option.RETRY, Option.SKIP, Option.ABORT);
        }
        FailurePolicy policy = policy(m, s);
        boolean rb = rollbackAllowed(m);
        return switch (policy) {
            case ASK -> rb ? List.of(Option.RETRY, Option.SKIP, Option.ROLLBACK, Option.ABORT)
                    : List.of(Option.RETRY, Option.SKIP, Option.ABORT);
            case ROLLBACK -> rb ? List.of(Option.ROLLBACK, Option.ABORT) : List.of(Option.RETRY, Option.ABORT);
            case STOP -> List.of(Option.ABORT);
        };
    }

    /** The one on_failure rule: the step's own, else the runbook's. */
    static FailurePolicy policy(RunModel m, RunModel.StepModel s) {
        return s.planned().step().onFailure() != null ? s.planned().step().onFailure() : m.plan().runbook().onFailure();
    }

    /**
     * With auto-confirm, a failed main step whose on_failure is rollback starts the rollback itself,
     * once, while a rollback is still offered (before any point of no return).
     */
    static boolean autoRollback(RunModel m, Awaiting awaiting) {
        if (awaiting.stepId() == null || !awaiting.options().contains(Option.ROLLBACK)) {
            return false;
        }
        RunModel.StepModel s = m.step(awaiting.stepId());
        return s.status() == StepStatus.FAILED && policy(m, s) == FailurePolicy.ROLLBACK;
    }

    /** Rollback is offered while rollback steps exist and no point of no return has been passed. */
    static boolean rollbackAllowed(RunModel m) {
        return !m.plan().rollback().isEmpty() && !m.pointOfNoReturnPassed() && !m.rollbackStarted();
    }

    private static String unknownHosts(RunModel.StepModel s) {
        return String.join(", ", s.hosts().stream().filter(h -> h.status() == HostStatus.OUTCOME_UNKNOWN)
                .map(RunModel.HostModel::host).toList());
    }
}
