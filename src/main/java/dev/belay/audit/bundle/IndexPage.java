package dev.belay.audit.bundle;

import dev.belay.audit.RecordingRef;
import dev.belay.audit.RunOutcome;
import dev.belay.audit.RunReport;
import dev.belay.audit.RunSummary;
import java.time.Instant;
import java.util.List;

/** The bundle's front page: what happened, what each file is (linked, relative to the page), and the checks. */
final class IndexPage {

    /** A recording as listed: its files, the SHA-256 of the bundled cast, and whether it matches the sealed one (null: not sealed). */
    record Recording(RecordingRef ref, String cast, String text, String sha256, Boolean matchesSealed) { }

    /**
     * The runbook or the inventory file: where the run found it, its name in the bundle (null when
     * missing), the file's SHA-256, the content hash the run recorded and whether the file gives it now
     * (null: unknown), how many values were masked, and its text (or why there is none).
     */
    record Source(String recordedPath, String entry, String sha256, String recordedHash, Boolean matches, int masked,
                  String text) { }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:75em;color:#222;padding:0 1em}
            h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;
            vertical-align:top}th{background:#f3f3f3}pre{background:#f7f7f7;padding:.6em;overflow:auto;
            border:1px solid #e3e3e3;max-height:30em}.bad{color:#a40000;font-weight:600}.ok{color:#176b00;font-weight:600}
            .muted{color:#777}code{font-size:12px}
            """;

    private IndexPage() {
    }

    static String render(RunReport report, List<EvidenceBundle.Entry> entries, List<Recording> recordings, Source runbook,
                         Source inventory, String verify) {
        RunSummary run = report.run();
        StringBuilder h = new StringBuilder(16384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Evidence: run ")
                .append(esc(run.runId())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Evidence of run ").append(esc(run.runId())).append("</h1>\n<table>");
        row(h, "Outcome", "<span class=\"" + (run.outcome() == RunOutcome.SUCCEEDED ? "ok" : "bad") + "\">"
                + esc(run.outcome().label()) + "</span>");
        row(h, "Runbook", esc(run.runbookId() + " rev " + run.revision()));
        row(h, "Environment", esc(run.environment()) + " <span class=\"muted\">inventory " + esc(run.inventory()) + "</span>");
        row(h, "Operators", esc(String.join(" → ", run.operators())));
        row(h, "Started / ended", esc(time(run.startedAt()) + " / " + time(run.endedAt())));
        row(h, "Audit chain", verify.contains("OK: ") ? "<span class=\"ok\">intact</span> (see verify.txt)"
                : "<span class=\"bad\">BROKEN</span> (see verify.txt)");
        h.append("</table>\n<p>Read <a href=\"report.html\">the full report</a> first.</p>\n");
        files(h, entries);
        recordings(h, recordings);
        source(h, "Runbook", runbook);
        source(h, "Inventory", inventory);
        h.append("<h2>Audit verify</h2><pre>").append(esc(verify)).append("</pre>\n");
        h.append("<p class=\"muted\">Made by Belay. Check the files with <code>sha256sum -c SHA256SUMS</code>; the head hash"
                + " above can be compared with the one written in the change record.</p>\n</body></html>\n");
        return h.toString();
    }

    private static void files(StringBuilder h, List<EvidenceBundle.Entry> entries) {
        h.append("<h2>Files</h2><table><tr><th>File</th><th>What it is</th><th>Bytes</th><th>SHA-256</th></tr>\n");
        for (EvidenceBundle.Entry e : entries) {
            h.append("<tr><td>").append(link(e.name())).append("</td><td>").append(esc(e.what())).append("</td><td>")
                    .append(e.bytes().length).append("</td><td><code>").append(e.sha256()).append("</code></td></tr>\n");
        }
        h.append("<tr><td>").append(link("index.html")).append("</td><td>this page</td><td></td><td></td></tr></table>\n");
    }

    private static void recordings(StringBuilder h, List<Recording> recordings) {
        h.append("<h2>Terminal recordings</h2>");
        if (recordings.isEmpty()) {
            h.append("<p class=\"muted\">This run opened no terminal.</p>\n");
            return;
        }
        h.append("<table><tr><th>Host</th><th>Title</th><th>Started</th><th>Files</th><th>Sealed hash</th></tr>\n");
        for (Recording r : recordings) {
            String seal = r.matchesSealed() == null ? "<span class=\"muted\">not sealed (the terminal never closed)</span>"
                    : r.matchesSealed() ? "<span class=\"ok\">matches</span> the hash in TERMINAL_CLOSED"
                    : "<span class=\"bad\">DIFFERS</span> from the hash in TERMINAL_CLOSED";
            h.append("<tr><td>").append(esc(r.ref().targetHost())).append("</td><td>").append(esc(r.ref().title()))
                    .append("</td><td>").append(esc(time(r.ref().started()))).append("</td><td>").append(link(r.text()))
                    .append(" (text) · ").append(link(r.cast())).append(" (<code>asciinema play</code>)</td><td>")
                    .append(seal).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void source(StringBuilder h, String title, Source s) {
        h.append("<h2>").append(title).append("</h2><table>");
        row(h, "Path the run recorded", "<code>" + esc(s.recordedPath()) + "</code>");
        if (s.entry() == null) {
            row(h, "In this bundle", "<span class=\"bad\">missing</span>: " + esc(s.text()));
        } else {
            row(h, "In this bundle", link(s.entry()));
        }
        if (s.sha256() != null) {
            row(h, "SHA-256 of the file", "<code>" + s.sha256() + "</code>");
        }
        if (s.recordedHash() != null && !s.recordedHash().isEmpty()) {
            String now = s.matches() == null ? "<span class=\"muted\">not checked</span>"
                    : s.matches() ? "<span class=\"ok\">the file gives this hash now: it is the runbook that ran</span>"
                    : "<span class=\"bad\">the file gives another hash now: it changed since the run</span>";
            row(h, "Content hash the run recorded", "<code>" + esc(s.recordedHash()) + "</code> " + now);
        }
        if (s.entry() != null && title.equals("Inventory")) {
            row(h, "Secrets", s.masked() + " value(s) masked by key name (pass, secret, token, key, vault...)");
        }
        h.append("</table>\n");
        if (s.entry() != null) {
            h.append("<details><summary>Show ").append(esc(s.entry())).append("</summary><pre>").append(esc(s.text()))
                    .append("</pre></details>\n");
        }
    }

    private static void row(StringBuilder h, String key, String html) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(html).append("</td></tr>");
    }

    private static String link(String entry) {
        return "<a href=\"" + esc(entry) + "\">" + esc(entry) + "</a>";
    }

    private static String time(Instant t) {
        return t == null ? "-" : t.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
