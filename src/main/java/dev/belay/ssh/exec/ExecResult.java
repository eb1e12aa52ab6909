package dev.belay.ssh.exec;

import java.time.Duration;

/** One command's end on one host: its outcome and the bounded head+tail of its output. */
public record ExecResult(String host, String command, ExecOutcome outcome, CapturedOutput stdout,
                         CapturedOutput stderr, Duration elapsed) {

    /** A command that exited with {@code code}, its output given whole (for results made without a host). */
    public static ExecResult exited(int code, String stdout, String stderr, Duration elapsed) {
        return new ExecResult("", "", new ExecOutcome.Exited(code), CapturedOutput.of(stdout), CapturedOutput.of(stderr),
                elapsed);
    }

    /** The exit status, or null when the command did not exit (timed out, cancelled, lost, failed). */
    public Integer exitCode() {
        return outcome instanceof ExecOutcome.Exited e ? e.code() : null;
    }

    /** Stdout, then stderr when there is any: the text that text expectations look at. */
    public String combinedOutput() {
        String out = stdout.text();
        String err = stderr.text();
        if (err.isEmpty()) {
            return out;
        }
        return out.isEmpty() || out.endsWith("\n") ? out + err : out + "\n" + err;
    }

    /** True only for {@code Exited(0)}. */
    public boolean succeeded() {
        return outcome instanceof ExecOutcome.Exited e && e.code() == 0;
    }
}
