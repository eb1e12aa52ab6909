package dev.belay.text;

import java.time.Duration;
import java.util.Locale;

/**
 * The one way Belay shows how long something took (a step, a command, a monitor's downtime) in the
 * desktop, the CLI, reports and comparisons: {@code 850ms}, {@code 4.2s}, {@code 15s}, {@code 2m 05s},
 * {@code 1h 03m}. Each unit is cut, never rounded up, so a step shown as {@code 59.9s} did not take a
 * minute. Runbook durations ({@code 1h30m}, read back by the parser) are {@code runbook.Durations}.
 */
public final class Elapsed {

    private Elapsed() {
    }

    /** {@code d} as text; a negative one gets a leading minus. */
    public static String of(Duration d) {
        if (d.isNegative()) {
            return "-" + of(d.negated());
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            long tenths = ms / 100 % 10;
            return ms / 1000 + (tenths == 0 ? "" : "." + tenths) + "s";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }

    /** As {@link #of}, with {@code none} for an unknown (null) duration. */
    public static String of(Duration d, String none) {
        return d == null ? none : of(d);
    }
}
