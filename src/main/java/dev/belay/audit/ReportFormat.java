package dev.belay.audit;

/** The export formats of a run report. */
public enum ReportFormat {
    HTML, MD, JSON;

    public String render(RunReport report) {
        return switch (this) {
            case HTML -> HtmlReport.render(report);
            case MD -> MarkdownReport.render(report);
            case JSON -> JsonReport.render(report);
        };
    }
}
