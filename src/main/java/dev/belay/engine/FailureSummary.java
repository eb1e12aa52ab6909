package dev.belay.engine;

import java.util.List;

/**
 * One failed host in words an operator reads at 3 a.m.: what ran, how it ended, the check that
 * failed, the last lines of output, and the author's expression behind the check. The desktop's host
 * card shows it (the expression folded), and {@code belay test} prints it for a scenario that stopped
 * where it should not have: one wording wherever a failure is read.
 */
public record FailureSummary(String host, String ran, String ended, String failedCheck, String expression,
                             List<String> lastLines, int outputLines) {

    public FailureSummary {
        lastLines = List.copyOf(lastLines);
    }

    /**
     * @param command the command as sent (secrets masked), or null; @param output the output shown, or null
     * (then the result's own); @param lastLines how many of the output's last lines to keep
     */
    public static FailureSummary of(HostResult r, String command, String output, int lastLines) {
        CheckResult failed = r.checks().stream().filter(c -> !c.passed()).findFirst().orElse(null);
        String text = output != null && !output.isBlank() ? output : r.output() == null ? "" : r.output();
        List<String> lines = text.strip().isEmpty() ? List.of() : text.strip().lines().toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - lastLines), lines.size());
        return new FailureSummary(r.host(), command, ended(r), failed == null ? plainMessage(r) : plain(failed),
                failed == null ? null : failed.expectation(), last, lines.size());
    }

    /** Whether {@link #lastLines} leaves out earlier lines of the output. */
    public boolean cut() {
        return outputLines > lastLines.size();
    }

    /** How the kept lines are introduced: "Last 5 of 240 lines of output" when cut, else "Output". */
    public String linesLabel() {
        return cut() ? "Last " + lastLines.size() + " of " + outputLines + " lines of output" : "Output";
    }

    /** How the command ended: "exit status 3", "the connection was lost", "timed out". */
    public static String ended(HostResult r) {
        if (r.exitCode() != null) {
            return "exit status " + r.exitCode();
        }
        if (r.outcome() == null) {
            return "did not run";
        }
        return switch (r.outcome()) {
            case "connection-lost" -> "the connection was lost";
            case "timed-out" -> "timed out";
            case "cancelled" -> "cancelled";
            case "failed" -> "could not be run";
            default -> r.outcome();
        };
    }

    /** A failed check in plain words: what was expected and what happened instead. */
    public static String plain(CheckResult c) {
        return "Expected " + c.expected() + "; " + plainSeen(c.seen()) + ".";
    }

    /** The engine's "seen" as a sentence part; "the command connection-lost: x" reads "the connection was lost (x)". */
    public static String plainSeen(String seen) {
        if (seen == null || seen.isBlank()) {
            return "nothing was seen";
        }
        for (String[] w : new String[][] {{"the command connection-lost", "the connection was lost"},
                {"the command timed-out", "the command timed out"}, {"the command cancelled", "the command was cancelled"},
                {"the command failed", "the command could not be run"}}) {
            if (seen.startsWith(w[0])) {
                String rest = seen.substring(w[0].length()).replaceFirst("^:\\s*", "").strip();
                return w[1] + (rest.isEmpty() ? "" : " (" + rest + ")");
            }
        }
        return "got " + seen;
    }

    /** Without a failed check (a step-level reason), the host's message with the engine's labels in words. */
    private static String plainMessage(HostResult r) {
        String m = r.message() == null ? "" : r.message();
        return m.isBlank() ? "It did not pass." : plainSeen(m.replace(r.host() + ": ", "")).replaceFirst("^got ", "");
    }

    /** An engine message with its labels in words ("saw the command connection-lost: x" reads "the connection was lost (x)"). */
    public static String plainText(String message) {
        if (message == null) {
            return "";
        }
        String m = message;
        int saw = m.indexOf(", saw ");
        if (saw >= 0) {
            m = m.substring(0, saw) + "; " + plainSeen(m.substring(saw + ", saw ".length()));
        }
        return m;
    }
}
