package dev.belay.ssh.exec;

import java.nio.charset.StandardCharsets;

/**
 * What an exec keeps of one stream: the first and last bytes, never the middle, so output of any
 * size fits in bounded memory. The full output went to the {@link OutputListener} as it arrived.
 */
public record CapturedOutput(byte[] head, byte[] tail, long totalBytes) {

    public static final CapturedOutput NONE = new CapturedOutput(new byte[0], new byte[0], 0);

    /** All of {@code text}, nothing dropped. */
    public static CapturedOutput of(String text) {
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        return new CapturedOutput(bytes, new byte[0], bytes.length);
    }

    public boolean truncated() {
        return totalBytes > head.length + tail.length;
    }

    public long retainedBytes() {
        return head.length + tail.length;
    }

    /** Head and tail as text, with a marker where bytes were dropped. */
    public String text() {
        String h = new String(head, StandardCharsets.UTF_8);
        String t = new String(tail, StandardCharsets.UTF_8);
        if (!truncated()) {
            return h + t;
        }
        return h + "\n[... " + (totalBytes - retainedBytes()) + " bytes omitted ...]\n" + t;
    }
}
