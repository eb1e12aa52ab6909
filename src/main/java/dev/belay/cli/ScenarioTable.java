package dev.belay.cli;

import dev.belay.app.scenario.Coverage;
import dev.belay.app.scenario.Scenario;
import dev.belay.app.scenario.ScenarioRunner;
import dev.belay.text.Elapsed;
import java.util.List;

/** The tables {@code belay test} prints: one row per scenario (then why each failed one failed), and the coverage. */
final class ScenarioTable {

    private ScenarioTable() {
    }

    static String render(List<ScenarioRunner.Result> results) {
        StringBuilder sb = new StringBuilder(table(new String[] {"SCENARIO", "EXPECTED", "GOT", "TIME", "RESULT"},
                results.stream().map(r -> new String[] {r.scenario().name(), r.scenario().expect().summary(), r.got(),
                        Elapsed.of(r.took()), r.passed() ? "pass" : "FAIL"}).toList()));
        for (ScenarioRunner.Result r : results) {
            for (String f : r.failures()) {
                sb.append(r.scenario().name()).append(": ").append(f).append('\n');
            }
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        sb.append(results.size() - failed).append(" passed, ").append(failed).append(" failed\n");
        return sb.toString();
    }

    /** Each gate and preflight check, and the scenarios that fail without it. */
    static String coverage(List<Coverage.Row> rows) {
        StringBuilder sb = new StringBuilder(table(new String[] {"RUNBOOK", "GATE OR CHECK", "PROVEN BY"},
                rows.stream().map(r -> new String[] {r.weakening().runbookId(), r.weakening().label(),
                        r.proven() ? String.join(", ", r.provenBy().stream().map(Scenario::name).toList())
                                : "unproven"}).toList()));
        long unproven = rows.stream().filter(r -> !r.proven()).count();
        sb.append(rows.size() - unproven).append(" proven, ").append(unproven).append(" unproven\n");
        return sb.toString();
    }

    /**
     * The coverage as Markdown table rows for docs/runbooks.md: one row per gate or check, sorted by
     * runbook then gate, cells unpadded, so that rows from runs over different runbooks merge line
     * by line (paste them under the header, then sort the lines).
     */
    static String coverageMarkdown(List<Coverage.Row> rows) {
        StringBuilder sb = new StringBuilder("| runbook | gate or check | proven by |\n|---|---|---|\n");
        rows.stream().map(r -> "| " + r.weakening().runbookId() + " | " + r.weakening().label() + " | "
                        + (r.proven() ? String.join(", ", r.provenBy().stream()
                                .map(s -> "`" + s.file().getFileName() + "`").toList()) : "**unproven**") + " |")
                .sorted().forEach(line -> sb.append(line).append('\n'));
        return sb.toString();
    }

    /** Left-aligned columns as wide as their widest cell; the last column is not padded. */
    private static String table(String[] head, List<String[]> rows) {
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] row : rows) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, w);
        rows.forEach(r -> line(sb, r, w));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        for (int i = 0; i < cells.length; i++) {
            sb.append(i == cells.length - 1 ? cells[i] : String.format("%-" + w[i] + "s  ", cells[i]));
        }
        sb.append('\n');
    }
}
