package dev.belay.ui.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Reads the window end as the operator types it: a local time of day, today or (when past) tomorrow. */
final class WindowEnd {

    private WindowEnd() {
    }

    /** Null for blank input; throws IllegalArgumentException with the fix for bad input. */
    static Instant parse(String text, Instant now, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (!t.matches("\\d{1,2}:\\d{2}")) {
            throw new IllegalArgumentException("Window end \"" + t + "\": type a time of day as HH:MM, e.g. 23:30");
        }
        LocalTime time;
        try {
            time = LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Window end \"" + t + "\" is not a time of day (00:00 to 23:59)");
        }
        LocalDateTime today = LocalDateTime.ofInstant(now, zone).toLocalDate().atTime(time);
        Instant end = today.atZone(zone).toInstant();
        return end.isAfter(now) ? end : today.plusDays(1).atZone(zone).toInstant();
    }
}
