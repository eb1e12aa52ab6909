package dev.belay.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects a shell's output on a background thread so a test can wait, bounded, for a pattern. */
final class ShellTranscript {

    /** Terminal control sequences (bash's bracketed-paste toggles, colours) that tests look past. */
    private static final Pattern CSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");

    private final StringBuilder text = new StringBuilder();

    ShellTranscript(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    synchronized (text) {
                        text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        text.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The shell closed.
            }
        }, "shell-transcript");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the output, control sequences removed, matches {@code regex}, returning the match, or fails after {@code timeout}. */
    Matcher await(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (text) {
            while (true) {
                Matcher m = p.matcher(CSI.matcher(text).replaceAll(""));
                if (m.find()) {
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no match for /" + regex + "/ within " + timeout + " in: " + visible(text));
                }
                text.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** The transcript with control characters shown, so a failure message says what really came. */
    private static String visible(CharSequence s) {
        return s.toString().replace("\u001b", "<ESC>").replace("\r", "<CR>").replace("\n", "<LF>\n");
    }
}
