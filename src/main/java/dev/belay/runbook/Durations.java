package dev.belay.runbook;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runbook durations: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, and combinations such as {@code 1h30m}. */
public final class Durations {

    private static final Pattern FORMAT =
            Pattern.compile("(?:(\\d{1,9})h)?(?:(\\d{1,9})m(?!s))?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

    private Durations() {
    }

    /** Parses a duration; the exception message says what is wrong and how to write it. */
    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || text.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text
                    + "': write a number with a unit, like 500ms, 10s, 5m, 2h or 1h30m");
        }
        return Duration.ofHours(num(m.group(1))).plusMinutes(num(m.group(2)))
                .plusSeconds(num(m.group(3))).plusMillis(num(m.group(4)));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The shortest text that {@link #parse} reads back to the same duration. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, ms / 3_600_000, "h");
        append(sb, ms / 60_000 % 60, "m");
        append(sb, ms / 1000 % 60, "s");
        append(sb, ms % 1000, "ms");
        return sb.toString();
    }

    private static void append(StringBuilder sb, long n, String unit) {
        if (n > 0) {
            sb.append(n).append(unit);
        }
    }

    private static long num(String g) {
        return g == null ? 0 : Long.parseLong(g);
    }
}
