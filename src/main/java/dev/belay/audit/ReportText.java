package dev.belay.audit;

import dev.belay.text.Elapsed;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting shared by the HTML and Markdown reports. */
final class ReportText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ReportText() { }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    static String duration(Duration d) {
        return Elapsed.of(d, "-");
    }

    /** "+25%" when actual exceeds the reference by a quarter; "-" when either is unknown. */
    static String versus(Duration actual, Duration reference) {
        if (actual == null || reference == null || reference.isZero()) {
            return "-";
        }
        long pct = Math.round(100.0 * (actual.toMillis() - reference.toMillis()) / reference.toMillis());
        return (pct >= 0 ? "+" : "") + pct + "%";
    }

    /** "No monitors ran in this run." or each monitor's total downtime ("app-health down 1m 05s in total"). */
    static String downtimeSummary(RunReport r) {
        if (r.monitors().isEmpty()) {
            return "No monitors ran in this run.";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        r.downtimeTotals().forEach((monitor, total) -> parts.add(monitor + (total.isZero()
                ? " never down" : " down " + duration(total) + " in total")));
        return String.join("; ", parts) + ".";
    }

    /** A STEP_CONFIRMED event's record (an empty one if its payload does not read). */
    static LoggedEvent.StepConfirmed confirmed(AuditEvent e) {
        return e.event() instanceof LoggedEvent.StepConfirmed c ? c
                : new LoggedEvent.StepConfirmed(e.ts(), "", "", false);
    }

    static String operators(RunSummary r) {
        return String.join(" → ", r.operators());
    }
}
