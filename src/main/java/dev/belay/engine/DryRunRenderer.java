package dev.belay.engine;

import dev.belay.audit.SecretMasker;
import dev.belay.runbook.Action;
import dev.belay.runbook.Durations;
import dev.belay.runbook.Expectation;
import dev.belay.runbook.Monitor;
import dev.belay.runbook.Selector;
import dev.belay.runbook.Step;
import java.util.List;
import java.util.Map;

/**
 * Renders a plan as a trainer or reviewer reads it before the window: every command per host with
 * vars filled in (secrets masked), expectations, retries, gates, snapshots, points of no return.
 * Executes nothing.
 */
public final class DryRunRenderer {


    private DryRunRenderer() {
    }

    public static String render(Plan plan) {
        SecretMasker masker = SecretMasker.of(plan.secretValues());
        StringBuilder b = new StringBuilder();
        b.append("DRY RUN: ").append(plan.runbook().title()).append(" (").append(plan.runbook().id()).append(" rev ")
                .append(plan.runbook().revision()).append(") on ").append(plan.inventory().environment()).append('\n');
        b.append("Nothing below is executed.\n");
        if (!plan.vars().isEmpty()) {
            b.append("vars:");
            plan.vars().forEach((k, v) -> b.append(' ').append(k).append('=')
                    .append(plan.secretNames().contains(k) ? SecretMasker.MASK : v));
            b.append('\n');
        }
        for (Monitor m : plan.monitors()) {
            b.append("monitor ").append(m.id()).append(": ").append(masker.mask(MonitorRunner.target(m)))
                    .append(" every ").append(Durations.format(m.every())).append('\n');
        }
        section(b, "Preflight", plan.preflight(), plan, masker);
        section(b, "Steps", plan.steps(), plan, masker);
        section(b, "Rollback", plan.rollback(), plan, masker);
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<PlannedStep> steps, Plan plan, SecretMasker masker) {
        if (steps.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(":\n");
        int n = 1;
        for (PlannedStep s : steps) {
            b.append(String.format("%3d. [%s] %s%n", n++, s.id(), masker.mask(s.title())));
            String when = s.step().when();
            if (when != null && !when.contains("${") && StepRunner.skips(when)) {
                // decided now: every var of it has its value; a captured one is decided when the step starts
                b.append("       SKIPPED: when: is '").append(masker.mask(when.strip())).append("'\n");
                continue;
            }
            step(b, s.step(), plan, masker);
        }
    }

    private static void step(StringBuilder b, Step s, Plan plan, SecretMasker masker) {
        String in = "       ";
        if (s.when() != null) {
            b.append(in).append("when: ").append(s.when()).append('\n');
        }
        Action a = s.action();
        if (a instanceof Action.Run r) {
            b.append(in).append("on ").append(r.on().text()).append(hostsNote(r.on(), plan)).append(", timeout ")
                    .append(Durations.format(r.effectiveTimeout()))
                    .append(s.serial() == null ? "" : ", " + s.serial() + " host(s) at a time").append('\n');
            commands(b, in, r.command(), r.on(), plan);
            expectations(b, in, r.expect(), masker);
        } else if (a instanceof Action.Terminal t) {
            b.append(in).append("in the terminal of ").append(t.host().text()).append(":\n");
            commands(b, in, t.command(), t.host(), plan);
        } else if (a instanceof Action.Wait w) {
            b.append(in).append("wait ").append(Durations.format(w.duration())).append('\n');
        } else if (a instanceof Action.Manual m) {
            b.append(in).append("operator confirms: ").append(masker.mask(m.prompt())).append('\n');
        }
        if (s.retry() != null) {
            b.append(in).append("retry every ").append(Durations.format(s.retry().every())).append(" within ")
                    .append(Durations.format(s.retry().within())).append('\n');
        }
        if (s.gate() != null) {
            b.append(in).append("gate after each batch, on ").append(s.gate().on().text()).append(":\n");
            commands(b, in + "  ", s.gate().command(), s.gate().on(), plan);
            expectations(b, in + "  ", s.gate().expect(), masker);
            if (s.gate().retry() != null) {
                b.append(in).append("  gate retried every ").append(Durations.format(s.gate().retry().every()))
                        .append(" within ").append(Durations.format(s.gate().retry().within())).append('\n');
            }
        }
        if (s.snapshot() != null) {
            b.append(in).append("snapshot ").append(s.snapshot()).append(" (diffed with the last one")
                    .append(s.snapshotExpect() == dev.belay.runbook.SnapshotExpect.SAME ? "; must be the same)" : ")")
                    .append('\n');
        }
        if (s.confirm() != null && !(a instanceof Action.Manual)) {
            b.append(in).append("then operator confirms: ").append(masker.mask(s.confirm())).append('\n');
        }
        if (s.pointOfNoReturn()) {
            b.append(in).append("POINT OF NO RETURN: rollback is not offered once this step starts\n");
        }
    }

    private static String hostsNote(Selector sel, Plan plan) {
        return sel instanceof Selector.Extremum x ? " (the host with the " + (x.max() ? "largest" : "smallest")
                + " captured " + x.var() + ", decided when the step starts)" : "";
    }

    private static void commands(StringBuilder b, String in, String command, Selector sel, Plan plan) {
        for (HostCommands.HostCommand c : HostCommands.of(plan, sel, command, Map.of())) {
            String prompt = in + "  " + c.host() + "$ ";
            // A multi-line command keeps its shape under the prompt, so a reviewer can read the script.
            b.append(prompt).append(c.command().strip().replace("\n", "\n" + " ".repeat(prompt.length()))).append('\n');
        }
    }

    private static void expectations(StringBuilder b, String in, List<Expectation> expect, SecretMasker masker) {
        if (expect.isEmpty()) {
            b.append(in).append("expect: exit 0\n");
        }
        for (Expectation e : expect) {
            b.append(in).append("expect ").append(masker.mask(ExpectationEvaluator.describe(e))).append('\n');
        }
    }
}
