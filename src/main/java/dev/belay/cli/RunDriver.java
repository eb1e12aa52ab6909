package dev.belay.cli;

import dev.belay.engine.RunController;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunStateReport;
import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.StepStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Drives a headless run to its end or to the first point where it needs a person, and turns that
 * into the exit code: 0 completed, 1 a step failed, the run was rolled back or aborted, or the audit
 * log stopped recording, 3 the run waits for the operator (a manual step, an unknown outcome,
 * approvals at a point of no return): continue it with {@code belay resume}.
 */
final class RunDriver {

    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int PAUSED = 3;

    private static final Duration SLICE = Duration.ofMinutes(10);

    private RunDriver() {
    }

    /** The engine itself starts an automatic rollback (on_failure: rollback with auto-confirm). */
    static int drive(RunController run, RunPrinter printer, PrintWriter out) throws InterruptedException {
        while (true) {
            RunState s = run.awaitSettled(SLICE);
            if (s.status().ended()) {
                printer.awaitPrinted(s.status() == RunStatus.ABORTED ? RunEvent.RunAborted.class : RunEvent.RunFinished.class, 5000);
                out.print(RunStateReport.render(s, s.endedAt() == null ? Instant.now() : s.endedAt()));
                out.flush();
                return s.status() == RunStatus.COMPLETED ? COMPLETED : FAILED;
            }
            if (s.awaiting() == null) {
                continue;
            }
            if (s.awaiting().options().isEmpty()) {
                out.println(s.awaiting().prompt());
                out.flush();
                return FAILED;
            }
            printer.awaitPrinted(RunEvent.AwaitingOperator.class, 5000);
            if (s.awaiting().options().contains(dev.belay.engine.Option.APPROVE)) {
                String step = s.awaiting().stepId();
                String who = s.approval(step).map(a -> a.waitingFor()).orElse("approval");
                out.println("Paused at the point of no return '" + step + "', waiting for " + who + ". Each approver: belay approve --run "
                        + run.runId() + " --step " + step + " --as NAME --confirm " + s.environment()
                        + "; then: belay resume " + run.runId());
                out.flush();
                return PAUSED;
            }
            boolean failed = s.step(s.awaiting().stepId()).map(x -> x.status() == StepStatus.FAILED).orElse(false);
            out.println((failed ? "Stopped at a failed step" : "Paused") + "; continue with: belay resume "
                    + run.runId() + (failed ? "" : " [--auto-confirm]"));
            out.flush();
            return failed ? FAILED : PAUSED;
        }
    }

    static Path knownHostsDefault() {
        return Path.of(System.getProperty("user.home"), ".belay", "known_hosts");
    }
}
