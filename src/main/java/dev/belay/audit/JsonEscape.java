package dev.belay.audit;

/**
 * The JSON escapes Jackson writes by default, for the places that write JSON bytes by hand for speed
 * (the hash chain's canonical bytes, recording frames) and must match Jackson byte for byte.
 */
final class JsonEscape {
    private JsonEscape() { }

    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether Jackson escapes this ASCII character in a string: quote, backslash, control characters. */
    static boolean needed(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    /**
     * Writes the escape of {@code c} (one for which {@link #needed} holds) at {@code at}: the short form
     * where JSON has one, else a backslash, u, 00 and two upper-case hex digits. Returns the next position.
     */
    static int put(byte[] a, int at, char c) {
        a[at++] = '\\';
        char letter = shortForm(c);
        if (letter != 0) {
            a[at++] = (byte) letter;
        } else {
            a[at++] = 'u';
            a[at++] = '0';
            a[at++] = '0';
            a[at++] = UPPER_HEX[c >> 4];
            a[at++] = UPPER_HEX[c & 0xF];
        }
        return at;
    }

    /** As {@link #put}, appended to {@code b}. */
    static void append(StringBuilder b, char c) {
        b.append('\\');
        char letter = shortForm(c);
        if (letter != 0) {
            b.append(letter);
        } else {
            b.append("u00").append((char) UPPER_HEX[c >> 4]).append((char) UPPER_HEX[c & 0xF]);
        }
    }

    /** The letter after the backslash where JSON has a short escape for {@code c}, else 0. */
    private static char shortForm(char c) {
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
    }
}
