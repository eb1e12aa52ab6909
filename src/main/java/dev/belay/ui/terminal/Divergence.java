package dev.belay.ui.terminal;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After a broadcast command: which hosts' output differs from the majority's, by how many lines, and
 * the differing lines side by side. Plain Java (no JavaFX): the terminal tabs only draw its result.
 * Outputs are compared line by line after dropping trailing blanks and carriage returns, so a CRLF
 * or a trailing space never marks a host.
 */
public final class Divergence {

    /** One host's output against the majority's. */
    public record HostDivergence(String host, int changedLines, int majorityLines, List<Row> rows) {

        /** Lines that differ as a share of the majority's output (0..100), for "differs by 3 lines (12%)". */
        public int percent() {
            return majorityLines == 0 ? 100 : Math.min(100, Math.round(100f * changedLines / majorityLines));
        }

        public String summary() {
            return "differs from the majority by " + changedLines + (changedLines == 1 ? " line" : " lines")
                    + " (" + percent() + "%)";
        }
    }

    /** A side-by-side line: the majority's text, this host's, and whether they differ. */
    public record Row(String majority, String host, boolean differs) {
    }

    /**
     * @param majorityHosts the hosts whose output is the most common one (the reference)
     * @param divergent     every other host, in the order given, with its difference
     */
    public record Result(List<String> majorityHosts, List<HostDivergence> divergent) {

        public boolean allAgree() {
            return divergent.isEmpty();
        }
    }

    private Divergence() {
    }

    /** Compares the outputs (host name to output, in tab order). Ties go to the group seen first. */
    public static Result of(Map<String, String> outputs) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, String> normal = new LinkedHashMap<>();
        outputs.forEach((host, out) -> {
            String n = normalize(out);
            normal.put(host, n);
            groups.computeIfAbsent(n, k -> new ArrayList<>()).add(host);
        });
        String reference = null;
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            if (reference == null || g.getValue().size() > groups.get(reference).size()) {
                reference = g.getKey();
            }
        }
        if (reference == null) {
            return new Result(List.of(), List.of());
        }
        List<String> base = lines(reference);
        List<HostDivergence> divergent = new ArrayList<>();
        for (Map.Entry<String, String> h : normal.entrySet()) {
            if (h.getValue().equals(reference)) {
                continue;
            }
            List<String> mine = lines(h.getValue());
            int changed = 0;
            for (AbstractDelta<String> d : DiffUtils.diff(base, mine).getDeltas()) {
                changed += Math.max(d.getSource().size(), d.getTarget().size());
            }
            divergent.add(new HostDivergence(h.getKey(), changed, base.size(), rows(base, mine)));
        }
        return new Result(List.copyOf(groups.get(reference)), List.copyOf(divergent));
    }

    /** Only the differing lines, side by side (equal lines are left out: the odd one out is what matters). */
    private static List<Row> rows(List<String> base, List<String> mine) {
        DiffRowGenerator g = DiffRowGenerator.create().showInlineDiffs(false).ignoreWhiteSpaces(false).build();
        List<Row> out = new ArrayList<>();
        for (DiffRow r : g.generateDiffRows(base, mine)) {
            if (r.getTag() != DiffRow.Tag.EQUAL) {
                out.add(new Row(r.getOldLine(), r.getNewLine(), true));
            }
        }
        return out;
    }

    static String normalize(String output) {
        if (output == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : output.replace("\r", "").split("\n", -1)) {
            b.append(line.stripTrailing()).append('\n');
        }
        return b.toString().strip();
    }

    private static List<String> lines(String normalized) {
        return normalized.isEmpty() ? List.of() : List.of(normalized.split("\n", -1));
    }
}
