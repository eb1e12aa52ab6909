package dev.belay.audit.compare;

import dev.belay.text.Elapsed;
import dev.belay.audit.RunSummary;
import java.time.Duration;
import java.util.Locale;

/** {@code belay audit compare A B} as text: steps with durations against each other, flipped checks, output diffs. */
public final class ComparisonText {

    private ComparisonText() {
    }

    public static String render(RunComparison c) {
        StringBuilder t = new StringBuilder();
        t.append("A: ").append(describe(c.a())).append('\n');
        t.append("B: ").append(describe(c.b())).append("\n\n");
        t.append(String.format("%-28s %-10s %9s   %-10s %9s   %s%n", "STEP", "A", "A TOOK", "B", "B TOOK", "B - A"));
        for (RunComparison.StepRow s : c.steps()) {
            t.append(String.format("%-28s %-10s %9s   %-10s %9s   %s%n", s.stepId(), dash(s.statusA()), duration(s.tookA()),
                    dash(s.statusB()), duration(s.tookB()), versus(s)));
        }
        t.append("\nChecks that passed in one run and failed in the other:\n");
        if (c.checks().isEmpty()) {
            t.append("  none\n");
        }
        for (RunComparison.CheckFlip f : c.checks()) {
            t.append("  ").append(f.stepId()).append(" / ").append(f.expectation()).append(": A ").append(f.inA())
                    .append("; B ").append(f.inB()).append('\n');
        }
        t.append("\nOutput per step and host:\n");
        if (c.outputs().isEmpty()) {
            t.append("  no step ran a command in both runs\n");
        }
        for (RunComparison.OutputDiff d : c.outputs()) {
            String hosts = d.hostA().equals(d.hostB()) ? d.hostA() : d.hostA() + " / " + d.hostB();
            t.append("  ").append(d.stepId()).append(" on ").append(hosts).append(d.same() ? ": same\n" : ": differs\n");
            d.diff().forEach(line -> t.append("    ").append(line).append('\n'));
        }
        return t.toString();
    }

    private static String describe(RunSummary r) {
        return r.runId() + "  " + r.runbookId() + " rev " + r.revision() + " on " + r.environment() + ", " + r.outcome().label()
                + ", started " + r.startedAt() + " by " + String.join(" -> ", r.operators());
    }

    /** "+2.1s (2.8x)" or "-400ms (0.5x)"; "-" when either side is unknown. */
    public static String versus(RunComparison.StepRow s) {
        Duration d = s.difference();
        if (d == null) {
            return "-";
        }
        String sign = d.isNegative() ? "-" : "+";
        String ratio = s.tookA().isZero() ? "" : String.format(Locale.ROOT, " (%.1fx)",
                (double) s.tookB().toMillis() / Math.max(1, s.tookA().toMillis()));
        return sign + duration(d.abs()) + ratio;
    }

    public static String duration(Duration d) {
        return Elapsed.of(d, "-");
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
