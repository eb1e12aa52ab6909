package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import dev.belay.runbook.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's rules at a point of no return: a main step marked so never starts on its own; it
 * waits until its approvals are complete ({@link ApprovalState#complete()}), and says what cannot be undone.
 */
final class NoReturn {

    private NoReturn() {
    }

    /** True for a main step that needs approvals before it starts and has not started yet. */
    static boolean guarded(RunModel m, RunModel.StepModel s) {
        return s.planned().phase() == Phase.MAIN && s.planned().step().pointOfNoReturn() && s.startedAt() == null
                && s.status() == StepStatus.PENDING;
    }

    static ApprovalState state(RunModel m, PlannedStep p) {
        return new ApprovalState(m.runId(), m.plan().runbook().id(), m.plan().inventory().environment(), m.operator(),
                p.id(), p.title(), p.step().approvers(), m.approvals().approvers(p.id()), cannotUndo(m, p), null);
    }

    /** What the engine asks at a guarded step whose approvals are not complete. */
    static Awaiting awaiting(RunModel m, RunModel.StepModel s) {
        ApprovalState a = state(m, s.planned());
        String prompt;
        if (a.approvers().isEmpty()) {
            prompt = "point of no return: type the environment's name (" + a.environment() + ") to approve '"
                    + a.title() + "'" + (a.required() > 1 ? "; then " + (a.required() - 1) + " more "
                    + (a.required() == 2 ? "person approves" : "people approve") + " under their own name" : "");
        } else {
            prompt = "point of no return: " + String.join(", ", a.approvers()) + " approved '" + a.title()
                    + "'; waiting for " + a.waitingFor() + " to approve (here, from History, or belay approve --run "
                    + m.runId() + " --step " + a.stepId() + ")";
        }
        List<Option> opts = new ArrayList<>(List.of(Option.RUN, Option.APPROVE, Option.SKIP));
        if (Navigator.rollbackAllowed(m)) {
            opts.add(Option.ROLLBACK);
        }
        opts.add(Option.ABORT);
        return new Awaiting(s.planned().id(), prompt, opts);
    }

    /** What the approvers accept, in plain lines: what the step does and what is lost with it. */
    static List<String> cannotUndo(RunModel m, PlannedStep p) {
        SecretMasker masker = m.masker();
        List<String> out = new ArrayList<>();
        Action a = p.action();
        if (a instanceof Action.Run r) {
            List<String> hosts = hosts(m, r.on());
            out.add("Runs on " + r.on().text() + (hosts.isEmpty() || List.of(r.on().text()).equals(hosts) ? ""
                    : " (" + String.join(", ", hosts) + ")") + ": " + masker.mask(r.command()));
        } else if (a instanceof Action.Terminal t) {
            out.add("Types into the terminal of " + t.host().text() + ": " + masker.mask(t.command()));
        } else if (a instanceof Action.Manual man) {
            out.add("Done by hand: " + masker.mask(man.prompt()));
        } else if (a instanceof Action.Wait w) {
            out.add("Waits " + w.duration());
        } else if (a instanceof Action.Include i) {
            out.add("Runs the included runbook " + i.runbookId());
        }
        if (m.plan().rollback().isEmpty()) {
            out.add("The runbook has no rollback steps: nothing undoes it.");
        } else if (m.pointOfNoReturnPassed()) {
            out.add("An earlier point of no return already closed the rollback.");
        } else {
            out.add("Once it starts, rollback is no longer offered: " + String.join(", ",
                    m.plan().rollback().stream().map(PlannedStep::title).toList()) + " will not run.");
        }
        return out;
    }

    /** The hosts a selector names now (captures so far); empty when it cannot be resolved yet. */
    private static List<String> hosts(RunModel m, dev.belay.runbook.Selector on) {
        try {
            return SelectorResolver.resolve(on, m.plan().inventory(), m.captures()).stream()
                    .map(dev.belay.inventory.Host::name).toList();
        } catch (RuntimeException e) {
            return List.of(); // a max()/min() selector before its capture: the template says enough
        }
    }
}
