package dev.belay.cli;

import dev.belay.engine.RunEvent;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Prints a run's events as it goes, one line each: steps, commands, checks, monitors, prompts, and
 * what each host prints as it streams, prefixed with the host like {@code pssh -i} ({@code [db-1] line},
 * stderr as {@code [db-1]! line}), so a nightly log explains a failure on its own. Quiet: checks only.
 */
final class RunPrinter implements Consumer<RunEvent> {

    private final PrintWriter out;
    private final boolean verbose;
    private final boolean quiet;
    private RunEvent last;

    RunPrinter(PrintWriter out, boolean verbose) {
        this(out, verbose, false);
    }

    RunPrinter(PrintWriter out, boolean verbose, boolean quiet) {
        this.out = out;
        this.verbose = verbose && !quiet;
        this.quiet = quiet;
    }

    /** The last event printed (the CLI waits for the run's final word to be out before it exits). */
    synchronized RunEvent last() {
        return last;
    }

    @Override
    public synchronized void accept(RunEvent e) {
        String line = format(e);
        if (line != null) {
            out.println(line);
            out.flush();
        }
        last = e;
        notifyAll();
    }

    /** Waits (bounded) until an event matching {@code kind} has been printed. */
    synchronized void awaitPrinted(Class<? extends RunEvent> kind, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!kind.isInstance(last) && System.currentTimeMillis() < end) {
            wait(Math.max(1, end - System.currentTimeMillis()));
        }
    }

    private String format(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            return "run " + s.runId() + ": " + s.runbookId() + " rev " + s.revision() + " on " + s.environment()
                    + " by " + s.operator() + (s.mode() == dev.belay.engine.RunMode.DRY_RUN ? " (dry run)" : "")
                    + (s.rehearsal() ? " (rehearsal)" : "") + (s.autoConfirm() ? " (--auto-confirm)" : "");
        } else if (e instanceof RunEvent.RunResumed r) {
            return "resumed by " + r.operator() + (r.unknownOutcomes().isEmpty() ? ""
                    : "; OUTCOME UNKNOWN: " + String.join(", ", r.unknownOutcomes()));
        } else if (e instanceof RunEvent.StepStarted s) {
            return "==> " + s.phase().name().toLowerCase(java.util.Locale.ROOT) + " " + s.stepId() + ": " + s.title()
                    + (s.hosts().isEmpty() ? "" : " " + s.hosts());
        } else if (e instanceof RunEvent.CommandStarted c) {
            return verbose || !"step".equals(c.purpose()) ? "    " + c.host() + (c.attempt() > 1 ? " #" + c.attempt() : "")
                    + " $ " + firstLine(c.command()) : null;
        } else if (e instanceof RunEvent.ExpectationChecked x) {
            return "    " + x.host() + (x.passed() ? " ok   " : " FAIL ") + x.expectation()
                    + (x.passed() ? "" : ": expected " + x.expected() + ", saw " + x.seen());
        } else if (e instanceof RunEvent.HostFinished h) {
            return h.passed() ? null : "    " + h.host() + " failed: " + h.message();
        } else if (e instanceof RunEvent.GateChecked g) {
            return "    gate: " + g.message();
        } else if (e instanceof RunEvent.StepFinished f) {
            return (f.passed() ? "    passed: " : "    FAILED: ") + f.stepId() + (f.message() == null ? "" : " - " + f.message());
        } else if (e instanceof RunEvent.StepSkipped s) {
            return "    skipped: " + s.stepId() + " - " + s.reason();
        } else if (e instanceof RunEvent.StepConfirmed c) {
            return "    confirmed: " + c.stepId() + (c.auto() ? " (automatically, " + c.note() + ")" : "");
        } else if (e instanceof RunEvent.SnapshotTaken s) {
            return "    snapshot " + s.name() + " on " + s.host() + ": " + (s.previousRunId() == null ? "first snapshot"
                    : s.same() ? "same as run " + s.previousRunId() : "differs from run " + s.previousRunId() + "\n" + s.diff());
        } else if (e instanceof RunEvent.TerminalRequested t) {
            return "    in the terminal of " + t.host() + ": " + t.command();
        } else if (e instanceof RunEvent.MonitorChanged m) {
            return "    monitor " + m.monitorId() + (m.up() ? " UP" : " DOWN: " + m.detail());
        } else if (e instanceof RunEvent.WindowWarning w) {
            return "    WINDOW: " + w.message();
        } else if (e instanceof RunEvent.RollbackStarted r) {
            return "ROLLBACK: " + r.reason();
        } else if (e instanceof RunEvent.AwaitingOperator a) {
            return "    waiting for the operator" + (a.stepId() == null ? "" : " at " + a.stepId()) + ": " + a.prompt()
                    + " " + a.options();
        } else if (e instanceof RunEvent.RunFinished f) {
            return "run " + f.status().label().toLowerCase(java.util.Locale.ROOT) + ": " + f.message();
        } else if (e instanceof RunEvent.RunAborted a) {
            return "run ABORTED: " + a.reason();
        } else if (e instanceof RunEvent.OutputLine o) {
            return quiet ? null : "[" + o.host() + (o.stderr() ? "]! " : "] ") + o.line();
        }
        return null;
    }

    private static String firstLine(String command) {
        String t = command.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }
}
