package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns as Go's {@code text/tabwriter} aligns them with docker's settings (minimum width, padding
 * 3, spaces): every cell but the last of a row is padded to its column's width; widths count
 * characters, not bytes.
 */
final class TabWriter {

    private final int minWidth;
    private final List<String[]> rows = new ArrayList<>();

    TabWriter(int minWidth) {
        this.minWidth = minWidth;
    }

    void row(String tabSeparated) {
        rows.add(tabSeparated.split("\t", -1));
    }

    String render() {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                width[i] = Math.max(width[i], Math.max(minWidth, r[i].codePointCount(0, r[i].length()) + 3));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(r[i]);
                if (i < r.length - 1) {
                    out.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length())));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
