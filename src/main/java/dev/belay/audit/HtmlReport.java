package dev.belay.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One self-contained HTML file: inline CSS, no external links, recordings embedded as data: links. */
final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:75em;color:#222;padding:0 1em}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:3px 6px;
            text-align:left;vertical-align:top}th{background:#f3f3f3}pre{background:#f7f7f7;padding:.6em;
            overflow:auto;border:1px solid #e3e3e3}.bad{color:#a40000;font-weight:600}.ok{color:#176b00}
            .muted{color:#777}tr.EXPECTATION_FAILED,tr.RUN_ABORTED,tr.MONITOR_DOWN,tr.ROLLBACK_STARTED{background:#fff0f0}
            """;

    private HtmlReport() { }

    static String render(RunReport r) {
        RunSummary run = r.run();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Run ")
                .append(esc(run.runId())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Run ").append(esc(run.runId())).append(" — ").append(esc(run.runbookId())).append("</h1>\n");
        h.append("<table>");
        row(h, "Outcome", "<span class=\"" + (run.outcome() == RunOutcome.SUCCEEDED ? "ok" : "bad") + "\">"
                + esc(run.outcome().label()) + "</span>" + (run.rehearsal() ? " <span class=\"muted\">rehearsal</span>" : ""));
        if (!r.reason().isEmpty()) {
            row(h, "Reason", esc(r.reason()));
        }
        row(h, "Runbook", esc(run.runbookId() + " rev " + run.revision()));
        row(h, "Inventory", esc(run.inventory() + " (" + run.environment() + ")"));
        row(h, "Operators", esc(ReportText.operators(run)) + " <span class=\"muted\">started by "
                + esc(run.startedBy().display()) + "</span>");
        row(h, "Started", esc(ReportText.time(run.startedAt())));
        row(h, "Ended", esc(ReportText.time(run.endedAt())));
        h.append("</table>\n");
        steps(h, r);
        confirmations(h, r);
        failures(h, r);
        downtime(h, r);
        recordings(h, r);
        timeline(h, r);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void steps(StringBuilder h, RunReport r) {
        h.append("<h2>Step durations</h2><table><tr><th>Step</th><th>Status</th><th>Took</th><th>Estimate</th>"
                + "<th>vs estimate</th><th>Median of earlier runs</th><th>vs median</th></tr>\n");
        for (StepDuration s : r.steps()) {
            h.append("<tr><td>").append(esc(s.stepId() + " " + s.title())).append("</td><td>").append(esc(s.status()))
                    .append("</td><td>").append(ReportText.duration(s.actual()))
                    .append("</td><td>").append(ReportText.duration(s.estimate()))
                    .append("</td><td>").append(ReportText.versus(s.actual(), s.estimate()))
                    .append("</td><td>").append(ReportText.duration(s.medianOfEarlier()))
                    .append(" <span class=\"muted\">(").append(s.earlierRuns()).append(" runs)</span>")
                    .append("</td><td>").append(ReportText.versus(s.actual(), s.medianOfEarlier()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void confirmations(StringBuilder h, RunReport r) {
        h.append("<h2>Confirmations</h2><table><tr><th>Time</th><th>Who</th><th>Step</th><th>Note</th></tr>\n");
        for (AuditEvent e : r.confirmations()) {
            h.append("<tr><td>").append(esc(ReportText.time(e.ts()))).append("</td><td>")
                    .append(esc(e.operator().display())).append("</td><td>").append(esc(ReportText.confirmed(e).stepId()))
                    .append("</td><td>").append(esc(ReportText.confirmed(e).note())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void failures(StringBuilder h, RunReport r) {
        h.append("<h2>Failed checks</h2>\n");
        if (r.failures().isEmpty()) {
            h.append("<p class=\"ok\">None.</p>\n");
        }
        for (RunReport.Failure f : r.failures()) {
            LoggedEvent.ExpectationChecked e = f.check();
            h.append("<h3 class=\"bad\">").append(esc(e.stepId() + " on " + f.stored().targetHost() + ": "
                    + e.expectation())).append("</h3><p>Expected <code>").append(esc(e.expected()))
                    .append("</code>, seen <code>").append(esc(e.seen())).append("</code> at ")
                    .append(esc(ReportText.time(f.stored().ts()))).append("</p><pre>").append(esc(f.outputExcerpt()))
                    .append("</pre>\n");
        }
    }

    private static void downtime(StringBuilder h, RunReport r) {
        h.append("<h2>Monitor downtime</h2>\n<p class=\"downtime-summary\">").append(esc(ReportText.downtimeSummary(r)))
                .append("</p>\n");
        if (r.downtime().isEmpty()) {
            return;
        }
        h.append("<table><tr><th>Monitor</th><th>Host</th><th>Down</th><th>Up</th><th>Length</th></tr>\n");
        for (RunReport.Downtime d : r.downtime()) {
            h.append("<tr><td>").append(esc(d.monitor())).append("</td><td>").append(esc(d.host()))
                    .append("</td><td>").append(esc(ReportText.time(d.down()))).append("</td><td>")
                    .append(esc(ReportText.time(d.up()))).append("</td><td>")
                    .append(ReportText.duration(d.length(r.run().endedAt()))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void recordings(StringBuilder h, RunReport r) {
        h.append("<h2>Terminal recordings</h2><ul>\n");
        for (RunReport.CastFile c : r.recordings()) {
            String data = Base64.getEncoder().encodeToString(c.cast().getBytes(StandardCharsets.UTF_8));
            h.append("<li><a download=\"").append(esc(c.ref().id())).append(".cast\" href=\"data:application/x-asciicast;base64,")
                    .append(data).append("\">").append(esc(c.ref().title() + " on " + c.ref().targetHost()))
                    .append("</a> <span class=\"muted\">").append(esc(ReportText.time(c.ref().started())))
                    .append(" — save and replay with <code>asciinema play FILE.cast</code></span></li>\n");
        }
        h.append("</ul>\n");
    }

    private static void timeline(StringBuilder h, RunReport r) {
        h.append("<h2>Signed checkpoints</h2>\n");
        if (r.checkpoints().isEmpty()) {
            h.append("<p class=\"muted\">None: this run's events are anchored only by the hash chain.</p>\n");
        }
        for (dev.belay.audit.checkpoint.Checkpoint c : r.checkpoints()) {
            h.append("<p>Event ").append(c.seq()).append(", signed by ").append(esc(c.signer())).append(" at ")
                    .append(esc(c.time().toString())).append(". Check with <code>ssh-keygen -Y verify -n belay-audit"
                    + " -f allowed_signers -I ").append(esc(c.signer())).append(" -s SIG &lt; MESSAGE</code>:</p><pre>")
                    .append(esc(c.message())).append("</pre><pre>").append(esc(c.signature())).append("</pre>\n");
        }
        h.append("<h2>Timeline</h2><table><tr><th>#</th><th>Time</th><th>Operator</th><th>Host</th><th>Event</th>"
                + "<th>Detail</th></tr>\n");
        for (AuditEvent e : r.timeline()) {
            h.append("<tr class=\"").append(e.type().name()).append("\"><td>").append(e.seq()).append("</td><td>")
                    .append(esc(ReportText.time(e.ts()))).append("</td><td>").append(esc(e.operator().name()))
                    .append("</td><td>").append(esc(e.targetHost())).append("</td><td>").append(esc(EventText.what(e.event())))
                    .append("</td><td>").append(esc(RunReport.describe(e))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String label, String html) {
        h.append("<tr><th>").append(esc(label)).append("</th><td>").append(html).append("</td></tr>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
