package dev.belay.engine;

import java.time.Duration;

/**
 * What one execution of a command on one host produced. {@code exitCode} is null unless the
 * outcome is {@link Outcome#EXITED}; {@code detail} explains the other outcomes.
 */
public record ExecResult(Outcome outcome, Integer exitCode, String stdout, String stderr, Duration took,
                         String detail) {

    /** How a command ended. */
    public enum Outcome {
        EXITED, TIMED_OUT, CANCELLED, CONNECTION_LOST,
        /** The command could not be started, or ended without an exit status. */
        FAILED;

        /** The outcome as events and reports write it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public ExecResult {
        stdout = stdout == null ? "" : stdout;
        stderr = stderr == null ? "" : stderr;
        detail = detail == null ? "" : detail;
    }

    public static ExecResult exited(int code, String stdout, String stderr, Duration took) {
        return new ExecResult(Outcome.EXITED, code, stdout, stderr, took, "");
    }

    /** Stdout, then stderr when there is any: the text that text expectations look at. */
    public String combinedOutput() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        return stdout.isEmpty() || stdout.endsWith("\n") ? stdout + stderr : stdout + "\n" + stderr;
    }
}
