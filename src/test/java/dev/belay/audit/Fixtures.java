package dev.belay.audit;

/** Small realistic runs for the review and export tests. */
final class Fixtures {
    private Fixtures() { }

    /** A run with two steps, a command with output, an expectation, a confirmation; outcome null = unfinished. */
    static void run(AuditStore store, String runId, String runbook, String env, Operator op, String outcome,
                    double estimateSeconds, String output) {
        NewEvent start = NewEvent.of(runId, op, null, EventType.RUN_STARTED);
        start.payload().put("runbookId", runbook).put("revision", "r7").put("contentHash", "abc123")
                .put("inventory", "inv.yaml").put("environment", env).putObject("vars").put("region", "eu");
        store.append(start);
        for (String step : new String[] {"backup", "patch"}) {
            NewEvent s = NewEvent.of(runId, op, "db-1", EventType.STEP_STARTED);
            s.payload().put("stepId", step).put("title", "Step " + step).put("estimateSeconds", estimateSeconds);
            store.append(s);
            NewEvent cmd = NewEvent.of(runId, op, "db-1", EventType.COMMAND_STARTED);
            cmd.payload().put("stepId", step).put("command", "run-" + step);
            store.append(cmd);
            OutputRef out = store.storeOutput(runId, "db-1", "line 1\nline 2\n" + output + "\nlast line\n");
            NewEvent fin = NewEvent.of(runId, op, "db-1", EventType.COMMAND_FINISHED);
            fin.payload().put("stepId", step).put("exitStatus", 0).put("durationMillis", 12)
                    .put("outputId", out.id()).put("outputSha256", out.sha256());
            store.append(fin);
            boolean failed = output.contains("ERROR") && step.equals("patch");
            NewEvent exp = NewEvent.of(runId, op, "db-1",
                    failed ? EventType.EXPECTATION_FAILED : EventType.EXPECTATION_PASSED);
            exp.payload().put("stepId", step).put("expectation", "output contains OK")
                    .put("expected", "OK").put("seen", failed ? "ERROR disk full" : "OK").put("outputId", out.id());
            store.append(exp);
            NewEvent conf = NewEvent.of(runId, op, null, EventType.STEP_CONFIRMED);
            conf.payload().put("stepId", step).put("note", "checked " + step + " <by hand>");
            store.append(conf);
            NewEvent done = NewEvent.of(runId, op, "db-1", EventType.STEP_FINISHED);
            done.payload().put("stepId", step).put("status", failed ? "failed" : "ok");
            store.append(done);
        }
        if (outcome != null) {
            NewEvent end = NewEvent.of(runId, op, null, EventType.RUN_FINISHED);
            end.payload().put("outcome", outcome);
            store.append(end);
        }
    }
}
