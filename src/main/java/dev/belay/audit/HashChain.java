package dev.belay.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * hash = SHA-256(prev_hash || canonical content). The content is a JSON array of the stored
 * columns, with the payload as the exact text stored, so verify needs no re-serialisation.
 *
 * <p>The array is written by hand, byte for byte as Jackson's default writer writes it (the format
 * existing logs were sealed with; {@code HashChainTest} holds the two against each other), because
 * building a Jackson tree per event cost most of a 1M-event verify.
 */
public final class HashChain {

    /** The prev_hash of the first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();
    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();
    // One digest and buffer per thread: getInstance and a fresh builder per event showed in the profile.
    private static final ThreadLocal<Sealer> SEALER = ThreadLocal.withInitial(Sealer::new);

    private HashChain() { }

    public static String hash(String prevHash, long seq, Instant ts, String runId, Operator op,
                              String targetHost, String type, String payloadJson) {
        return HEX.formatHex(SEALER.get().digest(prevHash, seq, ts.toString(), runId, op.name(), op.login(),
                op.machine(), targetHost, type, payloadJson));
    }

    /** As above with the columns as read from a row: no Instant or Operator per event. */
    static String hash(String prevHash, long seq, String ts, String runId, String name, String login,
                       String machine, String targetHost, String type, String payloadJson) {
        return HEX.formatHex(SEALER.get().digest(prevHash, seq, ts, runId, name, login, machine, targetHost, type,
                payloadJson));
    }

    /**
     * Whether {@code storedHash} is this row's hash, for verify: the digest is held against the stored
     * hex digit by digit, not written out as a new string for every row (lower-case, as the log stores it).
     */
    static boolean seals(String storedHash, String prevHash, long seq, String ts, String runId, String name,
                         String login, String machine, String targetHost, String type, String payloadJson) {
        byte[] d = SEALER.get().digest(prevHash, seq, ts, runId, name, login, machine, targetHost, type, payloadJson);
        if (storedHash == null || storedHash.length() != d.length * 2) {
            return false;
        }
        for (int i = 0; i < d.length; i++) {
            if (storedHash.charAt(2 * i) != LOWER_HEX[(d[i] >> 4) & 0xF]
                    || storedHash.charAt(2 * i + 1) != LOWER_HEX[d[i] & 0xF]) {
                return false;
            }
        }
        return true;
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        return HEX.formatHex(newDigest().digest(bytes));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Reusable per thread: the canonical text is built in one buffer and digested from it. */
    private static final class Sealer {
        private final MessageDigest digest = newDigest();
        private final StringBuilder text = new StringBuilder(512);
        private final byte[] out = new byte[32];
        private byte[] ascii = new byte[1024];
        private int length;

        /** The SHA-256 of the canonical text, in a buffer of this thread's, valid until its next call. */
        byte[] digest(String prevHash, long seq, String ts, String runId, String name, String login,
                      String machine, String targetHost, String type, String payload) {
            // Nearly every event is ASCII: its bytes are written straight, no String and no encoder per event.
            if (asciiBytes(prevHash, seq, ts, runId, name, login, machine, targetHost, type, payload)) {
                digest.update(ascii, 0, length);
                if (ascii.length > 65_536) {
                    ascii = new byte[1024]; // a huge payload must not pin its buffer to the thread
                }
            } else {
                digest.update(utf8(prevHash, seq, new String[] {ts, runId, name, login, machine, targetHost, type,
                    payload}));
            }
            try {
                digest.digest(out, 0, out.length);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("SHA-256 digest does not fit 32 bytes", e);
            }
            return out;
        }

        /** The canonical text in UTF-8, any characters. */
        private byte[] utf8(String prevHash, long seq, String[] f) {
            StringBuilder b = text;
            b.setLength(0);
            b.append(prevHash).append('[').append(seq);
            for (String s : f) {
                b.append(',');
                quote(b, s);
            }
            b.append(']');
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            if (b.capacity() > 65_536) {
                text.setLength(0);
                text.trimToSize(); // a huge payload must not pin its buffer to the thread
            }
            return bytes;
        }

        /**
         * The canonical text into {@link #ascii} as {@link #quote} and UTF-8 would give it, while every
         * character is ASCII; false (and nothing usable written) at the first one that is not.
         */
        private boolean asciiBytes(String prevHash, long seq, String ts, String runId, String name, String login,
                                   String machine, String targetHost, String type, String payload) {
            length = 0;
            if (!put(prevHash)) {
                return false;
            }
            putByte('[');
            putDigits(seq);
            return field(ts) && field(runId) && field(name) && field(login) && field(machine)
                    && field(targetHost) && field(type) && field(payload) && putByte(']');
        }

        /** A comma and the field quoted ({@code null} bare); false at a character that is not ASCII. */
        private boolean field(String s) {
            putByte(',');
            if (s == null) {
                return put("null");
            }
            return putQuoted(s);
        }

        /** {@code Long.toString(v)} without the string. */
        private void putDigits(long v) {
            if (v < 0) {
                put(Long.toString(v));
                return;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            ensure(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                ascii[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            length += digits;
        }

        private boolean put(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                ascii[length++] = (byte) c;
            }
            return true;
        }

        private boolean putQuoted(String s) {
            int n = s.length();
            ensure(n * 6 + 2); // the longest escape (backslash, u, four hex digits) is six bytes
            byte[] a = ascii;
            int at = length;
            a[at++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                if (JsonEscape.needed(c)) {
                    at = JsonEscape.put(a, at, c);
                } else {
                    a[at++] = (byte) c;
                }
            }
            a[at++] = '"';
            length = at;
            return true;
        }

        private boolean putByte(char c) {
            ensure(1);
            ascii[length++] = (byte) c;
            return true;
        }

        private void ensure(int more) {
            if (length + more > ascii.length) {
                ascii = java.util.Arrays.copyOf(ascii, Math.max(ascii.length * 2, length + more));
            }
        }

        /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, nothing else. */
        private static void quote(StringBuilder b, String s) {
            if (s == null) {
                b.append("null");
                return;
            }
            b.append('"');
            int n = s.length();
            int start = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (!JsonEscape.needed(c)) {
                    continue;
                }
                b.append(s, start, i);
                start = i + 1;
                JsonEscape.append(b, c);
            }
            b.append(s, start, n).append('"');
        }
    }
}
