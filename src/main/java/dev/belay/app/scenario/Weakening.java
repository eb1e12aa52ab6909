package dev.belay.app.scenario;

import dev.belay.engine.Plan;
import dev.belay.engine.PlannedStep;
import dev.belay.runbook.Action;
import dev.belay.runbook.Gate;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One gate or preflight check of a runbook taken out (in memory, on the resolved plan): its
 * expectations removed and its command's exit status ignored, so it passes whatever the command
 * prints or exits with. What {@code belay test --coverage} runs the scenarios against to see whether
 * any scenario notices. The command still runs (its output, its captures, its side effects stay),
 * so only the check's verdict is gone. Ignoring the exit status matters: a health script that exits
 * 1 when unhealthy gates by its exit status as much as by its {@code status=ok} line, and a
 * coverage that kept the exit status would call such a gate unproven however hard a scenario hit it.
 */
public record Weakening(String runbookId, Kind kind, String stepId) implements UnaryOperator<Plan> {

    public enum Kind { GATE, PREFLIGHT }

    /**
     * Every gate and every preflight check of {@code rb}, in runbook order. One judged by its exit
     * status alone ({@code rpm -q kexec-tools}, no {@code expect:}) is a check too: leaving it out of
     * the table would call a runbook fully proven while that check is never shown to stop anything.
     */
    public static List<Weakening> of(Runbook rb) {
        List<Weakening> out = new ArrayList<>();
        for (Step s : rb.preflight()) {
            if (s.action() instanceof Action.Run) {
                out.add(new Weakening(rb.id(), Kind.PREFLIGHT, s.id()));
            }
        }
        for (Step s : rb.steps()) {
            if (s.gate() != null) {
                out.add(new Weakening(rb.id(), Kind.GATE, s.id()));
            }
        }
        return out;
    }

    /** As the coverage table names it. */
    public String label() {
        return (kind == Kind.GATE ? "gate of " : "preflight ") + stepId;
    }

    @Override
    public Plan apply(Plan p) {
        return new Plan(p.runbook(), p.inventory(), p.vars(), p.secretNames(),
                kind == Kind.PREFLIGHT ? weaken(p.preflight()) : p.preflight(),
                kind == Kind.GATE ? weaken(p.steps()) : p.steps(),
                p.rollback(), p.monitors(), p.contentHash(), p.runbookPath(), p.inventoryPath(), p.legacyHash());
    }

    private List<PlannedStep> weaken(List<PlannedStep> steps) {
        return steps.stream().map(ps -> ps.id().equals(stepId)
                ? new PlannedStep(ps.phase(), weaken(ps.step()), ps.origin(), ps.scope(), ps.includedCheck()) : ps).toList();
    }

    /** {@code command} in a subshell whose exit status is dropped ({@code exit 1} inside ends the subshell only). */
    static String verdictIgnored(String command) {
        return "(\n" + command + "\n) ; true";
    }

    private Step weaken(Step s) {
        Action action = s.action();
        Gate gate = s.gate();
        if (kind == Kind.PREFLIGHT && action instanceof Action.Run r) {
            action = new Action.Run(r.on(), verdictIgnored(r.command()), r.timeout(), List.of());
        } else if (kind == Kind.GATE && gate != null) {
            gate = new Gate(gate.on(), verdictIgnored(gate.command()), List.of(), gate.retry(), gate.timeout());
        }
        return new Step(s.id(), s.title(), s.description(), action, s.confirm(), s.when(), s.estimate(), s.serial(),
                s.retry(), s.pointOfNoReturn(), s.onFailure(), gate, s.snapshot(), s.snapshotExpect(),
                s.approvers());
    }
}
