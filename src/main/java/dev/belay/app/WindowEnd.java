package dev.belay.app;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The maintenance window's end as an operator types it, the same in {@code belay run --window-end}
 * and the desktop's start dialog: a time of day in local time (today, or tomorrow once it has
 * passed), or an instant with its offset ({@code 2026-11-25T23:00:00Z}, {@code 2026-11-25T23:00+01:00}).
 */
public final class WindowEnd {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE HH:mm", java.util.Locale.ENGLISH);

    private WindowEnd() {
    }

    /** As {@link #parse(String, Instant, ZoneId, String)}, with errors naming "Window end". */
    public static Instant parse(String text, Instant now, ZoneId zone) {
        return parse(text, now, zone, "Window end");
    }

    /** Null for blank input; throws IllegalArgumentException naming {@code what} and the fix for bad input. */
    public static Instant parse(String text, Instant now, ZoneId zone, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.contains("T")) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(what + " \"" + t + "\": an instant needs its offset, e.g. "
                        + "2026-11-25T23:00:00Z; or type a local time of day as HH:MM (" + zone.getId() + ")");
            }
        }
        if (!t.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException(what + " \"" + t + "\": type a time of day as HH:MM in local time ("
                    + zone.getId() + "), e.g. 23:30");
        }
        LocalTime time;
        try {
            time = LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " \"" + t + "\" is not a time of day (00:00 to 23:59, local time, "
                    + zone.getId() + ")");
        }
        LocalDateTime today = LocalDateTime.ofInstant(now, zone).toLocalDate().atTime(time);
        Instant end = today.atZone(zone).toInstant();
        return end.isAfter(now) ? end : today.plusDays(1).atZone(zone).toInstant();
    }

    /** "ends Tue 23:30 local time (Europe/Berlin)": how both front ends confirm what they understood. */
    public static String describe(Instant end, ZoneId zone) {
        return "ends " + SHOWN.withZone(zone).format(end) + " local time (" + zone.getId() + ")";
    }
}
