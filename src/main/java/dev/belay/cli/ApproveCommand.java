package dev.belay.cli;

import dev.belay.audit.AuditException;
import dev.belay.audit.AuditStore;
import dev.belay.engine.ApprovalDesk;
import dev.belay.engine.ApprovalState;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code belay approve}: approves a point of no return under your own name, against the run's audit
 * database (the team's shared one). Without {@code --step} it lists what waits for approval.
 */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approve a point of no return of a run, as a second operator (or as the operator of a"
                + " headless run), by typing the environment's name.",
                "Without --run/--step: list the steps that wait for approval.",
                "A live run starts the step within a second of its last approval; a paused CLI run needs"
                + " 'belay resume RUN'.",
                "Exit codes: 0 approved (or listed), 1 refused, 2 bad input."})
public final class ApproveCommand implements Callable<Integer> {

    @Option(names = "--run", paramLabel = "RUN", description = "The run id (belay approve lists the waiting ones).")
    String runId;
    @Option(names = "--step", paramLabel = "STEP", description = "The step id of the point of no return.")
    String stepId;
    @Option(names = "--as", paramLabel = "NAME", description = "Your name, as the audit log records it (default: your login).")
    String approver = System.getProperty("user.name", "");
    @Option(names = "--confirm", paramLabel = "ENVIRONMENT",
            description = "The environment's name, typed to say you know where this runs.")
    String typed;
    @Option(names = "--note", paramLabel = "TEXT", description = "What you checked (recorded with the approval).")
    String note;
    @Mixin
    AuditCommand.Db db;
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (AuditStore store = AuditStore.open(db.resolved())) {
            ApprovalDesk desk = new ApprovalDesk(store);
            if (runId == null && stepId == null) {
                return list(desk.pending(), out);
            }
            if (runId == null || stepId == null || typed == null) {
                err.println("approve: give --run RUN --step STEP --confirm ENVIRONMENT (belay approve lists them)");
                return RunDriver.BAD_INPUT;
            }
            desk.approve(runId, stepId, approver, typed, note);
            out.println("Approved " + stepId + " of run " + runId + " as " + approver.strip() + ".");
            List<ApprovalState> still = desk.pending().stream()
                    .filter(a -> a.runId().equals(runId) && a.stepId().equals(stepId)).toList();
            out.println(still.isEmpty() ? "All approvals are in: the run starts the step (a paused CLI run: belay resume "
                    + runId + ")." : "Still waiting for " + still.get(0).waitingFor() + ".");
            return RunDriver.COMPLETED;
        } catch (IllegalArgumentException e) {
            err.println("approve: " + e.getMessage());
            return RunDriver.BAD_INPUT;
        } catch (IllegalStateException | AuditException e) {
            err.println("approve: " + e.getMessage());
            return RunDriver.FAILED;
        }
    }

    private static int list(List<ApprovalState> pending, PrintWriter out) {
        if (pending.isEmpty()) {
            out.println("No point of no return waits for approval.");
        }
        for (ApprovalState a : pending) {
            out.println(a.runId() + "  " + a.stepId() + "  " + a.runbookId() + " on " + a.environment() + ": "
                    + a.title());
            a.cannotUndo().forEach(l -> out.println("    " + l));
            out.println("    approved by: " + (a.approvers().isEmpty() ? "nobody yet" : String.join(", ", a.approvers()))
                    + "; waiting for " + a.waitingFor());
            out.println("    approve: belay approve --run " + a.runId() + " --step " + a.stepId() + " --as NAME --confirm "
                    + a.environment());
        }
        return RunDriver.COMPLETED;
    }
}
