package dev.belay.ui.history;

import dev.belay.text.Elapsed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the history shows times and durations: local time ("Nov 25, 13:14"), "1h 02m", "4m 05s", "12s", signed deltas. */
final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm", java.util.Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Formats() {
    }

    static String dateTime(Instant t) {
        return t == null ? "" : DATE_TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(ZoneId.systemDefault()));
    }

    static String duration(Duration d) {
        return Elapsed.of(d, "–");
    }

    /** "+12s" when {@code actual} took longer than {@code reference}, "−5s" when shorter. */
    static String delta(Duration actual, Duration reference) {
        if (actual == null || reference == null) {
            return "–";
        }
        Duration d = actual.minus(reference);
        return (d.isNegative() ? "−" : "+") + duration(d.abs());
    }

    /** Seconds as m:ss for the replay clock. */
    static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
