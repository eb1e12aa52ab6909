package dev.belay.ssh.exec;

import java.time.Duration;

/** One command's end on one host: its outcome and the bounded head+tail of its output. */
public record ExecResult(String host, String command, ExecOutcome outcome, CapturedOutput stdout,
                         CapturedOutput stderr, Duration elapsed) {

    /** True only for {@code Exited(0)}. */
    public boolean succeeded() {
        return outcome instanceof ExecOutcome.Exited e && e.code() == 0;
    }
}
