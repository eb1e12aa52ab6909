package dev.belay.audit;

/**
 * Writes one asciicast v2 event line ({@code [time, "kind", "data"]}) straight into the chunk's text.
 * Under a flood the recorder writes megabytes a second; building a Jackson tree per frame and
 * serialising it copied every character three times over (into Jackson's segments, out as a string,
 * into the chunk). The output is the same text Jackson writes for that tree, escapes included
 * ({@code CastLineTest} holds the two against each other), so recordings and their sealed hashes
 * look as before.
 */
final class CastLine {
    private CastLine() { }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Appends {@code [time, "kind", "data"]} and a line end. */
    static void append(StringBuilder out, double time, String kind, String data) {
        out.append('[').append(time).append(",\"");
        appendEscaped(out, kind);
        out.append("\",\"");
        appendEscaped(out, data);
        out.append("\"]\n");
    }

    /**
     * JSON string escaping as Jackson's default: quote and backslash escaped, control characters as
     * their short escape where JSON has one and as a backslash, u, 00 and two upper-case hex digits
     * otherwise, everything else as it is.
     */
    private static void appendEscaped(StringBuilder out, String s) {
        int plain = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, plain, n);
    }
}
