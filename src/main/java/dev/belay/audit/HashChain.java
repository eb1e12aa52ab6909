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
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    // One digest and buffer per thread: getInstance and a fresh builder per event showed in the profile.
    private static final ThreadLocal<Sealer> SEALER = ThreadLocal.withInitial(Sealer::new);

    private HashChain() { }

    public static String hash(String prevHash, long seq, Instant ts, String runId, Operator op,
                              String targetHost, String type, String payloadJson) {
        return SEALER.get().hash(prevHash, seq, ts.toString(), runId, op.name(), op.login(), op.machine(),
                targetHost, type, payloadJson);
    }

    /** As above with the columns as read from a row, for verify: no Instant or Operator per event. */
    static String hash(String prevHash, long seq, String ts, String runId, String name, String login,
                       String machine, String targetHost, String type, String payloadJson) {
        return SEALER.get().hash(prevHash, seq, ts, runId, name, login, machine, targetHost, type, payloadJson);
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

        String hash(String prevHash, long seq, String ts, String runId, String name, String login,
                    String machine, String targetHost, String type, String payload) {
            StringBuilder b = text;
            b.setLength(0);
            b.append(prevHash).append('[').append(seq);
            for (String s : new String[] {ts, runId, name, login, machine, targetHost, type, payload}) {
                b.append(',');
                quote(b, s);
            }
            b.append(']');
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            if (b.capacity() > 65_536) {
                text.setLength(0);
                text.trimToSize(); // a huge payload must not pin its buffer to the thread
            }
            return HEX.formatHex(digest.digest(bytes));
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
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                b.append(s, start, i);
                start = i + 1;
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    case '\b' -> b.append("\\b");
                    case '\f' -> b.append("\\f");
                    default -> b.append("\\u00").append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
                }
            }
            b.append(s, start, n).append('"');
        }
    }
}
