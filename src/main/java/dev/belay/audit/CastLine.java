package dev.belay.audit;

import java.util.Arrays;

/**
 * Writes asciicast v2 event lines ({@code [time, "kind", "data"]}) straight into a chunk's UTF-8
 * bytes. Under a flood the recorder writes megabytes a second; building a Jackson tree per frame,
 * serialising it and encoding the chunk copied every character four times over, where this escapes
 * and encodes it in one pass. The bytes are those of the text Jackson writes for that tree, escapes
 * included, encoded as {@code String.getBytes(UTF_8)} does ({@code CastLineTest} holds the two
 * against each other), so recordings and their sealed hashes look as before.
 */
final class CastLine {

    /** Characters escaped per pass through a reused array; the worst case, 6 bytes each, is reserved for them. */
    private static final int BLOCK = 8192;

    private byte[] bytes;
    private int length;
    private final char[] chars = new char[BLOCK];

    /** For frames of about {@code chars} characters in all: room for some escapes and a block's worst case. */
    CastLine(int chars) {
        bytes = new byte[chars + chars / 16 + 6 * BLOCK];
    }

    /** Appends {@code [time, "kind", "data"]} and a line end. */
    CastLine append(double time, String kind, String data) {
        ascii("[");
        ascii(Double.toString(time));
        ascii(",\"");
        escaped(kind);
        ascii("\",\"");
        escaped(data);
        ascii("\"]\n");
        return this;
    }

    /** The UTF-8 bytes written so far. */
    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    private void reserve(int more) {
        if (bytes.length - length < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private void ascii(String s) {
        reserve(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
    }

    /**
     * JSON string escaping as Jackson's default: quote and backslash escaped, control characters as
     * their short escape where JSON has one and as a backslash, u, 00 and two upper-case hex digits
     * otherwise, everything else as it is; then UTF-8, a lone surrogate as {@code ?}.
     */
    private void escaped(String s) {
        int n = s.length();
        int from = 0;
        while (from < n) {
            int len = Math.min(BLOCK, n - from);
            if (from + len < n && Character.isHighSurrogate(s.charAt(from + len - 1))) {
                len--; // a pair is encoded whole, in the next block
            }
            s.getChars(from, from + len, chars, 0);
            from += len;
            reserve(len * 6);
            byte[] b = bytes;
            int p = length;
            for (int i = 0; i < len; i++) {
                char c = chars[i];
                if (c < 0x80) {
                    if (JsonEscape.needed(c)) {
                        p = JsonEscape.put(b, p, c);
                    } else {
                        b[p++] = (byte) c;
                    }
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | c >> 6);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (!Character.isSurrogate(c)) {
                    b[p++] = (byte) (0xE0 | c >> 12);
                    b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(chars[i + 1])) {
                    int cp = Character.toCodePoint(c, chars[++i]);
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[p++] = '?';
                }
            }
            length = p;
        }
    }
}
