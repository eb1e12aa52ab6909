package dev.belay.engine;

import dev.belay.runbook.Action;
import dev.belay.runbook.Step;
import java.time.Duration;

/**
 * A step ready to run: includes expanded (an included step's id is {@code includeId/innerId}),
 * {@code ${vars}} substituted; {@code ${host.*}} and captured names are filled per host when it runs.
 *
 * @param origin        the id of the runbook the step was written in
 * @param scope         the include path that brought the step in ({@code upgrade-galera/}), "" for the
 *                      runbook's own steps: a rollback step of a scope runs only if that scope's steps ran
 * @param includedCheck a preflight check of an included runbook, run just before that runbook's steps
 */
public record PlannedStep(Phase phase, Step step, String origin, String scope, boolean includedCheck) {

    public PlannedStep {
        scope = scope == null ? "" : scope;
    }

    public PlannedStep(Phase phase, Step step, String origin) {
        this(phase, step, origin, "", false);
    }

    public String id() {
        return step.id();
    }

    public String title() {
        return step.title() == null ? step.id() : step.title();
    }

    public Action action() {
        return step.action();
    }

    /** True when the operator must tick the step before the run moves on. */
    public boolean needsConfirmation() {
        return step.confirm() != null || step.action() instanceof Action.Manual
                || step.action() instanceof Action.Terminal;
    }

    /** The prompt of the tick, or null. */
    public String confirmPrompt() {
        if (step.action() instanceof Action.Manual m) {
            return m.prompt();
        }
        return step.confirm() != null ? step.confirm() : null;
    }

    /** The author's estimate, or for a wait its length; null when neither. */
    public Duration estimate() {
        if (step.estimate() != null) {
            return step.estimate();
        }
        return step.action() instanceof Action.Wait w ? w.duration() : null;
    }

    /** A short word for the action: run, terminal, confirm, wait. */
    public String kind() {
        Action a = step.action();
        if (a instanceof Action.Run) {
            return "run";
        }
        if (a instanceof Action.Terminal) {
            return "terminal";
        }
        if (a instanceof Action.Wait) {
            return "wait";
        }
        return "confirm";
    }
}
