package dev.belay.ui.run;

import dev.belay.engine.FailureSummary;
import dev.belay.engine.RunEvent;
import dev.belay.text.Elapsed;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One line per durable run event, as the always-visible feed of the audit log shows it. */
final class EventFeed {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private EventFeed() {
    }

    /** The feed line for {@code e}, or null for live-only events (output, prompts). */
    static String line(RunEvent e) {
        String text = text(e);
        return text == null ? null : TIME.format(e.at()) + "  " + text;
    }

    /** Up to this many hosts are named in a feed line; the audit log names them all. */
    static final int NAMED_HOSTS = 8;

    /**
     * The hosts a step started on, the first few by name: a line naming 200 hosts wraps to a dozen
     * lines the feed would measure again at every new line while it is in sight.
     */
    static String hosts(java.util.List<String> hosts) {
        if (hosts.size() <= NAMED_HOSTS) {
            return String.join(", ", hosts);
        }
        return hosts.size() + " hosts: " + String.join(", ", hosts.subList(0, NAMED_HOSTS - 1))
                + " and " + (hosts.size() - NAMED_HOSTS + 1) + " more";
    }

    private static String text(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            return "run " + s.runId() + " started by " + s.operator() + " on " + s.environment()
                    + (s.mode() == dev.belay.engine.RunMode.DRY_RUN ? " (dry run)" : "") + (s.rehearsal() ? " (rehearsal)" : "");
        } else if (e instanceof RunEvent.RunFinished f) {
            return "run finished: " + f.status().label().toLowerCase(java.util.Locale.ROOT) + " · " + f.message();
        } else if (e instanceof RunEvent.RunAborted a) {
            return "run aborted: " + a.reason();
        } else if (e instanceof RunEvent.RunResumed r) {
            return "run resumed by " + r.operator() + (r.unknownOutcomes().isEmpty() ? "" : "; outcome unknown: "
                    + String.join(", ", r.unknownOutcomes()));
        } else if (e instanceof RunEvent.Handover h) {
            return "handover " + h.from() + " → " + h.to();
        } else if (e instanceof RunEvent.StepStarted s) {
            return "▶ " + s.stepId() + " started" + (s.hosts().isEmpty() ? "" : " on " + hosts(s.hosts()));
        } else if (e instanceof RunEvent.StepFinished f) {
            return (f.passed() ? "✔ " : "✘ ") + f.stepId() + (f.passed() ? " passed" : " failed")
                    + (f.message() == null || f.message().isBlank() ? "" : ": " + FailureSummary.plainText(f.message()));
        } else if (e instanceof RunEvent.StepSkipped s) {
            return "⤼ " + s.stepId() + " skipped: " + s.reason();
        } else if (e instanceof RunEvent.StepConfirmed c) {
            return "☑ " + c.stepId() + " confirmed" + (c.auto() ? " (automatically)" : "")
                    + (c.note() == null || c.note().isBlank() ? "" : ": " + c.note());
        } else if (e instanceof RunEvent.CommandFinished c) {
            return "  " + c.host() + " · " + c.stepId() + " " + c.outcome()
                    + (c.exitCode() == null ? "" : " (exit " + c.exitCode() + ")") + " in " + Elapsed.of(Duration.ofMillis(c.millis()));
        } else if (e instanceof RunEvent.ExpectationChecked x) {
            return x.passed() ? null : "  " + x.host() + " · " + x.stepId() + ": expected " + x.expected() + "; "
                    + FailureSummary.plainSeen(x.seen());
        } else if (e instanceof RunEvent.HostFinished h) {
            return h.passed() ? null : "  " + h.host() + " · " + h.stepId() + " failed: " + FailureSummary.plainText(h.message());
        } else if (e instanceof RunEvent.GateChecked g) {
            return "  gate after batch " + g.batch() + " of " + g.stepId() + (g.passed() ? " held" : " failed: " + g.message());
        } else if (e instanceof RunEvent.MonitorChanged m) {
            return "monitor " + m.monitorId() + (m.up() ? " up" : " DOWN") + (m.detail() == null ? "" : " · " + m.detail());
        } else if (e instanceof RunEvent.NoteAdded n) {
            return "note: " + n.text();
        } else if (e instanceof RunEvent.RollbackStarted r) {
            return "⟲ rollback started: " + r.reason();
        } else if (e instanceof RunEvent.PreflightOverridden p) {
            return "preflight overridden: " + p.reason();
        } else if (e instanceof RunEvent.OutcomeResolved r) {
            return r.stepId() + "@" + r.host() + " resolved: " + r.resolution().name().toLowerCase().replace('_', ' ');
        } else if (e instanceof RunEvent.TerminalRequested t) {
            return "terminal: " + t.stepId() + " on " + t.host();
        } else if (e instanceof RunEvent.WindowWarning w) {
            return "⚠ " + w.message();
        } else if (e instanceof RunEvent.SnapshotTaken s) {
            return "  snapshot " + s.name() + " on " + s.host() + (s.previousRunId() == null ? ": first snapshot" : s.same() ? " unchanged" : " changed");
        }
        return null;
    }
}
