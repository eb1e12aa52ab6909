package dev.belay.audit;

/** The run report as Markdown, for pasting into tickets and post-mortems. */
final class MarkdownReport {

    private MarkdownReport() { }

    static String render(RunReport r) {
        RunSummary run = r.run();
        StringBuilder m = new StringBuilder(4096);
        m.append("# Run ").append(cell(run.runId())).append(" — ").append(cell(run.runbookId())).append("\n\n");
        m.append("- **Outcome:** ").append(run.outcome().label()).append(run.rehearsal() ? " (rehearsal)" : "").append('\n');
        if (!r.reason().isEmpty()) {
            m.append("- **Reason:** ").append(cell(r.reason())).append('\n');
        }
        m
                .append("- **Runbook:** ").append(cell(run.runbookId())).append(" rev ").append(cell(run.revision())).append('\n')
                .append("- **Inventory:** ").append(cell(run.inventory())).append(" (").append(cell(run.environment())).append(")\n")
                .append("- **Operators:** ").append(cell(ReportText.operators(run))).append(" (started by ")
                .append(cell(run.startedBy().display())).append(")\n")
                .append("- **Started:** ").append(ReportText.time(run.startedAt())).append('\n')
                .append("- **Ended:** ").append(ReportText.time(run.endedAt())).append("\n\n");
        m.append("## Step durations\n\n| Step | Status | Took | Estimate | vs estimate | Median of earlier | vs median |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (StepDuration s : r.steps()) {
            m.append("| ").append(cell(s.stepId() + " " + s.title())).append(" | ").append(cell(s.status()))
                    .append(" | ").append(ReportText.duration(s.actual())).append(" | ")
                    .append(ReportText.duration(s.estimate())).append(" | ").append(ReportText.versus(s.actual(), s.estimate()))
                    .append(" | ").append(ReportText.duration(s.medianOfEarlier())).append(" (").append(s.earlierRuns())
                    .append(" runs) | ").append(ReportText.versus(s.actual(), s.medianOfEarlier())).append(" |\n");
        }
        m.append("\n## Confirmations\n\n");
        for (AuditEvent e : r.confirmations()) {
            m.append("- ").append(ReportText.time(e.ts())).append(" **").append(cell(e.operator().display()))
                    .append("** confirmed `").append(cell(ReportText.confirmed(e).stepId())).append("`: ").append(cell(ReportText.confirmed(e).note()))
                    .append('\n');
        }
        m.append("\n## Failed checks\n\n");
        for (RunReport.Failure f : r.failures()) {
            LoggedEvent.ExpectationChecked e = f.check();
            m.append("### ").append(cell(e.stepId() + " on " + f.stored().targetHost() + ": " + e.expectation()))
                    .append("\n\nExpected `").append(cell(e.expected())).append("`, seen `")
                    .append(cell(e.seen())).append("`\n\n```\n").append(f.outputExcerpt().replace("```", "` ` `"))
                    .append("\n```\n\n");
        }
        m.append("## Monitor downtime\n\n").append(ReportText.downtimeSummary(r)).append("\n\n");
        if (!r.downtime().isEmpty()) {
            m.append("| Monitor | Host | Down | Up | Length |\n|---|---|---|---|---|\n");
        }
        for (RunReport.Downtime d : r.downtime()) {
            m.append("| ").append(cell(d.monitor())).append(" | ").append(cell(d.host())).append(" | ")
                    .append(ReportText.time(d.down())).append(" | ").append(ReportText.time(d.up())).append(" | ")
                    .append(ReportText.duration(d.length(run.endedAt()))).append(" |\n");
        }
        m.append("\n## Terminal recordings\n\n");
        for (RunReport.CastFile c : r.recordings()) {
            m.append("- `").append(c.ref().id()).append("` ").append(cell(c.ref().title())).append(" on ")
                    .append(cell(c.ref().targetHost())).append(" — `belay audit cast ").append(c.ref().id())
                    .append(" --out FILE.cast`\n");
        }
        m.append("\n## Signed checkpoints\n\n");
        if (r.checkpoints().isEmpty()) {
            m.append("None: this run's events are anchored only by the hash chain.\n");
        }
        for (dev.belay.audit.checkpoint.Checkpoint c : r.checkpoints()) {
            m.append("Event ").append(c.seq()).append(", signed by ").append(cell(c.signer())).append(" at ")
                    .append(c.time()).append(" (check with `ssh-keygen -Y verify -n belay-audit -f allowed_signers -I ")
                    .append(cell(c.signer())).append(" -s SIG < MESSAGE`):\n\n```\n").append(c.message())
                    .append("```\n\n```\n").append(c.signature().strip()).append("\n```\n\n");
        }
        m.append("\n## Timeline\n\n| # | Time | Operator | Host | Event | Detail |\n|---|---|---|---|---|---|\n");
        for (AuditEvent e : r.timeline()) {
            m.append("| ").append(e.seq()).append(" | ").append(ReportText.time(e.ts())).append(" | ")
                    .append(cell(e.operator().name())).append(" | ").append(cell(e.targetHost())).append(" | ")
                    .append(cell(EventText.what(e.event()))).append(" | ").append(cell(RunReport.describe(e))).append(" |\n");
        }
        return m.toString();
    }

    /** Text safe inside a table cell or inline: no pipes, no newlines, no raw HTML. */
    static String cell(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "")
                .replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;").replace("`", "'");
    }
}
