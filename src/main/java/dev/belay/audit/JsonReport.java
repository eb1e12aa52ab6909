package dev.belay.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/** The run report as JSON: the summary, durations, failures and the full chained events. */
final class JsonReport {

    private JsonReport() { }

    static String render(RunReport r) {
        ObjectNode root = EventRows.JSON.createObjectNode();
        RunSummary run = r.run();
        root.putObject("run").put("runId", run.runId()).put("runbookId", run.runbookId())
                .put("revision", run.revision()).put("inventory", run.inventory())
                .put("environment", run.environment()).put("outcome", run.outcome().name())
                .put("outcomeLabel", run.outcome().label()).put("reason", r.reason()).put("rehearsal", run.rehearsal())
                .put("startedAt", str(run.startedAt())).put("endedAt", str(run.endedAt()))
                .put("startedBy", run.startedBy().display())
                .set("operators", EventRows.JSON.valueToTree(run.operators()));
        ArrayNode steps = root.putArray("steps");
        for (StepDuration s : r.steps()) {
            steps.addObject().put("stepId", s.stepId()).put("title", s.title()).put("status", s.status())
                    .put("actualMillis", millis(s.actual())).put("estimateMillis", millis(s.estimate()))
                    .put("medianOfEarlierMillis", millis(s.medianOfEarlier())).put("earlierRuns", s.earlierRuns());
        }
        ArrayNode failures = root.putArray("failures");
        r.failures().forEach(f -> failures.addObject().put("seq", f.stored().seq())
                .put("outputExcerpt", f.outputExcerpt()).set("payload", f.stored().payload()));
        ArrayNode down = root.putArray("monitorDowntime");
        r.downtime().forEach(d -> down.addObject().put("monitor", d.monitor()).put("host", d.host())
                .put("down", str(d.down())).put("up", str(d.up())).put("millis", millis(d.length(run.endedAt()))));
        ArrayNode recs = root.putArray("recordings");
        r.recordings().forEach(c -> recs.addObject().put("id", c.ref().id()).put("host", c.ref().targetHost())
                .put("title", c.ref().title()).put("started", str(c.ref().started())).put("cast", c.cast()));
        ArrayNode cps = root.putArray("checkpoints");
        r.checkpoints().forEach(c -> cps.addObject().put("log", c.logId()).put("seq", c.seq()).put("hash", c.hash())
                .put("time", c.time().toString()).put("signer", c.signer()).put("message", c.message())
                .put("signature", c.signature()));
        ArrayNode events = root.putArray("events");
        for (AuditEvent e : r.timeline()) {
            ObjectNode o = events.addObject().put("seq", e.seq()).put("ts", e.ts().toString()).put("type", e.type().name())
                    .put("operator", e.operator().name()).put("operatorLogin", e.operator().login())
                    .put("operatorMachine", e.operator().machine()).put("targetHost", e.targetHost());
            o.set("payload", e.payload());
            o.put("prevHash", e.prevHash()).put("hash", e.hash());
        }
        try {
            return EventRows.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new AuditException("Cannot write the JSON report of run " + run.runId(), e);
        }
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    private static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }
}
