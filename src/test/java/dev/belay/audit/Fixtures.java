package dev.belay.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small realistic runs for the review and export tests, built from the event records the engine stores. */
final class Fixtures {
    private Fixtures() { }

    /** A run with two steps, a command with output, an expectation, a confirmation; outcome null = unfinished. */
    static void run(AuditStore store, String runId, String runbook, String env, Operator op, String outcome,
                    double estimateSeconds, String output) {
        Instant at = store.clock().instant();
        store.append(NewEvent.of(runId, op, null, new LoggedEvent.RunStarted(at, runId, runbook, "r7", "abc123",
                "runbooks/" + runbook + ".yaml", "inv.yaml", env, op.name(), "LIVE", null, false, false,
                Map.of("region", "eu"))));
        for (String step : new String[] {"backup", "patch"}) {
            store.append(NewEvent.of(runId, op, null, new LoggedEvent.StepStarted(at, step, "Step " + step,
                    estimateSeconds, "MAIN", List.of("db-1"))));
            store.append(NewEvent.of(runId, op, "db-1", new LoggedEvent.CommandStarted(at, step, "db-1", 1, "step",
                    "run-" + step)));
            OutputRef out = store.storeOutput(runId, "db-1", "line 1\nline 2\n" + output + "\nlast line\n");
            store.append(NewEvent.of(runId, op, "db-1", new LoggedEvent.CommandFinished(at, step, "db-1", 1, "step",
                    "exited", 0, 12, out.id(), out.sha256())));
            boolean failed = output.contains("ERROR") && step.equals("patch");
            store.append(NewEvent.of(runId, op, "db-1", new LoggedEvent.ExpectationChecked(at, step, "db-1", 1,
                    "output contains OK", !failed, "OK", failed ? "ERROR disk full" : "OK", null)));
            store.append(NewEvent.of(runId, op, null, new LoggedEvent.StepConfirmed(at, step,
                    "checked " + step + " <by hand>", false)));
            store.append(NewEvent.of(runId, op, "db-1", new LoggedEvent.StepFinished(at, step, !failed,
                    failed ? "output contains OK failed on db-1" : null)));
        }
        if (outcome != null) {
            store.append(NewEvent.of(runId, op, null, new LoggedEvent.RunFinished(at,
                    RunOutcome.ofFinished(outcome), null)));
        }
    }
}
