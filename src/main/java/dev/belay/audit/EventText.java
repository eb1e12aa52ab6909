package dev.belay.audit;

import dev.belay.text.Elapsed;
import java.util.stream.Collectors;

/**
 * Events in plain words for timelines (History, the HTML and Markdown reports): what happened
 * ("Command started") and a one-line detail. Commands and outputs are folded to their first line:
 * the full text is in the event and the output store.
 */
public final class EventText {

    private static final int LINE = 160;

    private EventText() {
    }

    /** What happened, in two or three words. */
    public static String what(LoggedEvent e) {
        if (e instanceof LoggedEvent.RunStarted) {
            return "Run started";
        } else if (e instanceof LoggedEvent.RunFinished f) {
            return "Run " + f.outcome().label().toLowerCase(java.util.Locale.ROOT);
        } else if (e instanceof LoggedEvent.RunAborted) {
            return "Run aborted";
        } else if (e instanceof LoggedEvent.Handover) {
            return "Handed over";
        } else if (e instanceof LoggedEvent.StepStarted) {
            return "Step started";
        } else if (e instanceof LoggedEvent.StepFinished f) {
            return f.passed() ? "Step passed" : "Step failed";
        } else if (e instanceof LoggedEvent.HostFinished h) {
            return h.passed() ? "Host passed" : "Host failed";
        } else if (e instanceof LoggedEvent.GateChecked g) {
            return g.passed() ? "Gate held" : "Gate failed";
        } else if (e instanceof LoggedEvent.StepSkipped) {
            return "Step skipped";
        } else if (e instanceof LoggedEvent.StepConfirmed) {
            return "Step confirmed";
        } else if (e instanceof LoggedEvent.CommandStarted) {
            return "Command started";
        } else if (e instanceof LoggedEvent.CommandFinished) {
            return "Command finished";
        } else if (e instanceof LoggedEvent.ExpectationChecked x) {
            return x.passed() ? "Check passed" : "Check failed";
        } else if (e instanceof LoggedEvent.ValueCaptured) {
            return "Value captured";
        } else if (e instanceof LoggedEvent.SnapshotTaken) {
            return "Snapshot taken";
        } else if (e instanceof LoggedEvent.MonitorChanged m) {
            return m.up() ? "Monitor up" : "Monitor down";
        } else if (e instanceof LoggedEvent.NoteAdded) {
            return "Note";
        } else if (e instanceof LoggedEvent.RollbackStarted) {
            return "Rollback started";
        } else if (e instanceof LoggedEvent.PreflightOverridden) {
            return "Preflight overridden";
        } else if (e instanceof LoggedEvent.OutcomeResolved) {
            return "Outcome resolved";
        } else if (e instanceof LoggedEvent.TerminalRequested) {
            return "Sent to terminal";
        } else if (e instanceof LoggedEvent.ApprovalRequested) {
            return "Approval asked";
        } else if (e instanceof LoggedEvent.StepApproved) {
            return "Step approved";
        } else if (e instanceof LoggedEvent.WindowWarning) {
            return "Window warning";
        } else if (e instanceof LoggedEvent.RunResumed) {
            return "Run resumed";
        } else if (e instanceof LoggedEvent.TerminalOpened) {
            return "Terminal opened";
        } else if (e instanceof LoggedEvent.TerminalClosed) {
            return "Terminal closed";
        }
        return plain(e.type());
    }

    /** An audit type in words: {@code COMMAND_STARTED} is "Command started". */
    public static String plain(EventType type) {
        String words = type.name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The one-line detail. */
    public static String detail(LoggedEvent e) {
        return oneLine(text(e));
    }

    private static String text(LoggedEvent e) {
        if (e instanceof LoggedEvent.RunStarted s) {
            return "runbook " + s.runbookId() + " rev " + s.revision() + " on " + s.inventoryPath() + " ("
                    + s.environment() + ")" + (s.rehearsal() ? ", rehearsal" : "");
        } else if (e instanceof LoggedEvent.RunFinished f) {
            return f.message() == null ? "" : f.message();
        } else if (e instanceof LoggedEvent.RunAborted a) {
            return a.reason();
        } else if (e instanceof LoggedEvent.Handover h) {
            return "from " + h.from() + " to " + h.to();
        } else if (e instanceof LoggedEvent.StepStarted s) {
            return s.stepId() + ": " + s.title() + ("ROLLBACK".equals(s.phase()) ? " (rollback)" : "");
        } else if (e instanceof LoggedEvent.StepFinished f) {
            return f.stepId() + (f.message() == null || f.message().isBlank() ? "" : ": " + f.message());
        } else if (e instanceof LoggedEvent.HostFinished h) {
            return h.stepId() + " on " + h.host() + (h.attempts() > 1 ? " after " + h.attempts() + " attempts" : "")
                    + (h.message() == null || h.message().isBlank() ? "" : ": " + h.message());
        } else if (e instanceof LoggedEvent.GateChecked g) {
            return g.stepId() + " after batch " + g.batch() + (g.message() == null || g.message().isBlank() ? ""
                    : ": " + g.message());
        } else if (e instanceof LoggedEvent.StepSkipped k) {
            return k.stepId() + ": " + k.reason() + (k.byOperator() ? "" : " (by its condition)");
        } else if (e instanceof LoggedEvent.StepConfirmed c) {
            return c.stepId() + (c.auto() ? " (auto-confirmed)" : "")
                    + (c.note() == null || c.note().isBlank() ? "" : ", note: " + c.note());
        } else if (e instanceof LoggedEvent.CommandStarted c) {
            return fold(c.command());
        } else if (e instanceof LoggedEvent.CommandFinished f) {
            String how = f.exitCode() != null ? "exit " + f.exitCode()
                    : f.outcome() == null ? "ended" : f.outcome().replace('-', ' ');
            return how + " after " + Elapsed.of(java.time.Duration.ofMillis(f.millis()));
        } else if (e instanceof LoggedEvent.ExpectationChecked x) {
            return x.expectation() + ": expected " + x.expected() + ", seen " + x.seen();
        } else if (e instanceof LoggedEvent.ValueCaptured v) {
            return v.name() + " = " + v.value();
        } else if (e instanceof LoggedEvent.SnapshotTaken s) {
            return s.name() + ": " + (s.first() ? "first snapshot"
                    : s.same() ? "unchanged since run " + s.previousRunId() : "changed since run " + s.previousRunId());
        } else if (e instanceof LoggedEvent.MonitorChanged m) {
            return m.monitorId() + (m.detail() == null || m.detail().isBlank() ? "" : ": " + m.detail());
        } else if (e instanceof LoggedEvent.NoteAdded n) {
            return n.text();
        } else if (e instanceof LoggedEvent.RollbackStarted r) {
            return r.reason() + (r.failedStepId() == null ? "" : " (failed step " + r.failedStepId() + ")");
        } else if (e instanceof LoggedEvent.PreflightOverridden p) {
            return p.reason() + "; failed: " + String.join(", ", p.failedChecks());
        } else if (e instanceof LoggedEvent.OutcomeResolved r) {
            return r.stepId() + " on " + r.host() + ": " + plainWord(r.resolution())
                    + (r.note() == null || r.note().isBlank() ? "" : ", note: " + r.note());
        } else if (e instanceof LoggedEvent.TerminalRequested t) {
            return fold(t.command());
        } else if (e instanceof LoggedEvent.ApprovalRequested a) {
            return "point of no return " + a.stepId() + ": " + a.required() + (a.required() == 1 ? " person" : " people")
                    + " approve on " + a.environment();
        } else if (e instanceof LoggedEvent.StepApproved a) {
            return a.stepId() + " by " + a.approver() + (a.auto() ? " (--auto-confirm)" : "")
                    + (a.note() == null || a.note().isBlank() ? "" : ", note: " + a.note());
        } else if (e instanceof LoggedEvent.WindowWarning w) {
            return w.message();
        } else if (e instanceof LoggedEvent.RunResumed r) {
            return "by " + r.operator() + (r.unknownOutcomes().isEmpty() ? ""
                    : "; outcome unknown: " + String.join(", ", r.unknownOutcomes()));
        } else if (e instanceof LoggedEvent.TerminalOpened t) {
            return "recording " + shortId(t.recordingId());
        } else if (e instanceof LoggedEvent.TerminalClosed t) {
            return "recording " + shortId(t.recordingId()) + " sealed";
        } else if (e instanceof LoggedEvent.Other o) {
            return o.fields().entrySet().stream().filter(f -> !f.getKey().equals(EventPayloads.KIND))
                    .map(f -> f.getKey() + " " + f.getValue()).collect(Collectors.joining(", "));
        }
        return "";
    }

    /** A command's first line, with how many more there are. */
    public static String fold(String command) {
        if (command == null) {
            return "";
        }
        java.util.List<String> lines = command.strip().lines().toList();
        if (lines.size() <= 1) {
            return command.strip();
        }
        return lines.get(0) + " … (+" + (lines.size() - 1) + (lines.size() == 2 ? " line)" : " lines)");
    }

    private static String oneLine(String s) {
        String line = s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", " ⏎ ");
        return line.length() <= LINE ? line : line.substring(0, LINE - 1) + "…";
    }

    private static String plainWord(String constant) {
        return constant == null ? "" : constant.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    }

    static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }

}
