package dev.belay.ui.terminal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each host printed after one broadcast command, until the hosts go quiet. Fed from the
 * terminals' reader threads; read once settled. Plain Java: the tabs only draw what it yields.
 */
final class BroadcastCapture {

    /** Output stops this long and the command is taken as done (a prompt came back). */
    static final Duration QUIET = Duration.ofMillis(700);
    /** A command still printing after this long (a tail -f) is compared as it stands. */
    static final Duration LIMIT = Duration.ofSeconds(8);
    /** Per host: a flood (a cat of a log) is compared on its first part, not held and diffed whole. */
    static final int MAX_CHARS = 256 * 1024;

    // CSI sequences (colours, bracketed paste), OSC sequences (window titles) and lone ESC pairs.
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|\u001B[@-Z\\\\-_]");

    private final Map<String, StringBuilder> outputs = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private volatile long lastOutput = start;

    BroadcastCapture(List<String> hosts) {
        hosts.forEach(h -> outputs.put(h, new StringBuilder()));
    }

    List<String> hosts() {
        return List.copyOf(outputs.keySet());
    }

    void output(String host, String text) {
        synchronized (this) {
            StringBuilder b = outputs.get(host);
            if (b != null && b.length() < MAX_CHARS) {
                b.append(text, 0, Math.min(text.length(), MAX_CHARS - b.length()));
            }
        }
        lastOutput = System.nanoTime();
    }

    boolean settled() {
        long now = System.nanoTime();
        return now - lastOutput >= QUIET.toNanos() || now - start >= LIMIT.toNanos();
    }

    /** Each host's command output, in tab order, without the echoed command line and the next prompt. */
    synchronized Map<String, String> commandOutputs() {
        Map<String, String> out = new LinkedHashMap<>();
        outputs.forEach((h, b) -> out.put(h, commandOutput(b.toString())));
        return out;
    }

    /**
     * The lines between the end of the echoed command line and the prompt that follows: the prompt
     * names the host (it would mark every host), and the echo may start before the capture did.
     */
    static String commandOutput(String raw) {
        String text = ESCAPES.matcher(raw).replaceAll("").replace("\r", "");
        int firstNewline = text.indexOf('\n');
        if (firstNewline < 0) {
            return "";
        }
        text = text.substring(firstNewline + 1);
        int lastNewline = text.lastIndexOf('\n');
        return lastNewline < 0 ? "" : text.substring(0, lastNewline + 1);
    }
}
