package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;

/**
 * Tables as Python's prettytable draws them: cliff's (openstackclient) with left-aligned text and
 * right-aligned numbers, nova-manage's centred, and cliff's {@code -f value} (space-separated, no header).
 */
final class Tables {

    enum Align { LEFT, CENTER }

    private Tables() {
    }

    static String box(List<String> header, List<List<String>> rows, Align align) {
        int n = header.size();
        int[] w = new int[n];
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            w[c] = header.get(c).length();
            numeric[c] = align == Align.LEFT && !rows.isEmpty();
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], width(r.get(c)));
                numeric[c] &= r.get(c).matches("\\d+");
            }
        }
        StringBuilder rule = new StringBuilder("+");
        for (int c = 0; c < n; c++) {
            rule.append("-".repeat(w[c] + 2)).append('+');
        }
        rule.append('\n');
        StringBuilder out = new StringBuilder(rule);
        out.append(line(header, w, numeric, align)).append(rule);
        for (List<String> r : rows) {
            out.append(line(r, w, numeric, align));
        }
        out.append(rule);
        return out.toString();
    }

    /** A one-column table with a rule under every row (prettytable's hrules=ALL), as nova-status prints. */
    static String ruled(String header, List<String> cells) {
        int w = header.length();
        for (String c : cells) {
            w = Math.max(w, width(c));
        }
        String rule = "+" + "-".repeat(w + 2) + "+\n";
        StringBuilder out = new StringBuilder(rule).append("| ").append(pad(header, w)).append(" |\n").append(rule);
        for (String c : cells) {
            for (String l : c.split("\n", -1)) {
                out.append("| ").append(pad(l, w)).append(" |\n");
            }
            out.append(rule);
        }
        return out.toString();
    }

    private static int width(String cell) {
        int w = 0;
        for (String l : cell.split("\n", -1)) {
            w = Math.max(w, l.length());
        }
        return w;
    }

    private static String line(List<String> cells, int[] w, boolean[] numeric, Align align) {
        List<String[]> parts = new ArrayList<>();
        int height = 1;
        for (String c : cells) {
            String[] p = c.split("\n", -1);
            parts.add(p);
            height = Math.max(height, p.length);
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < height; k++) {
            out.append('|');
            for (int c = 0; c < cells.size(); c++) {
                String text = k < parts.get(c).length ? parts.get(c)[k] : "";
                String just = align == Align.CENTER ? center(text, w[c])
                        : numeric[c] ? " ".repeat(w[c] - text.length()) + text : pad(text, w[c]);
                out.append(' ').append(just).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    /** prettytable's centring: an odd gap leaves the extra space right of odd-length text and left of even-length text. */
    static String center(String s, int w) {
        int excess = w - s.length();
        if (excess <= 0) {
            return s;
        }
        int left = excess / 2;
        int right = excess / 2;
        if (excess % 2 == 1) {
            if (s.length() % 2 == 1) {
                right++;
            } else {
                left++;
            }
        }
        return " ".repeat(left) + s + " ".repeat(right);
    }

    /** cliff's {@code value} formatter: the selected columns of each row joined by single spaces. */
    static String values(List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        rows.forEach(r -> out.append(String.join(" ", r)).append('\n'));
        return out.toString();
    }
}
