package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.belay.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportExportTest {

    @TempDir
    Path dir;
    AuditStore store;
    RunReport report;

    @BeforeEach
    void recordARun() {
        TestClock clock = TestClock.ticking(TestClock.MORNING); // the monitor is down 90 s, not "within the same millisecond"
        store = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")), clock);
        Operator bob = new Operator("bob", "bob", "ws-2");
        Fixtures.run(store, "earlier", "patch-db", "prod", bob, "succeeded", 2.0, "OK");
        Fixtures.run(store, "run-7", "patch-db", "prod", bob, "failed", 2.0,
                "a\nb\nc\nd\ne\nf\nERROR disk full\ng\n<script>alert(1)</script>");
        store.append(NewEvent.of("run-7", bob, "db-1", new LoggedEvent.MonitorChanged(Instant.EPOCH, "https-check",
                false, "HTTP 503")));
        clock.advance(java.time.Duration.ofSeconds(90));
        store.append(NewEvent.of("run-7", bob, "db-1", new LoggedEvent.MonitorChanged(Instant.EPOCH, "https-check",
                true, null)));
        try (Recording rec = store.startRecording("run-7", "db-1", 80, 24, "db-1 shell")) {
            rec.output("$ uptime\r\n 10:00 up 3 days\r\n");
        }
        report = RunReport.load(store, "run-7").orElseThrow();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void reportGathersFailuresDowntimeConfirmationsAndDurations() {
        assertThat(report.run().outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(report.failures()).singleElement().satisfies(f ->
                assertThat(f.outputExcerpt()).contains("ERROR disk full", "b\nc", "<script>").doesNotContain("line 1"));
        assertThat(report.downtime()).singleElement().satisfies(d -> {
            assertThat(d.monitor()).isEqualTo("https-check");
            assertThat(d.up()).isNotNull();
        });
        assertThat(report.confirmations()).hasSize(2);
        assertThat(report.steps()).allSatisfy(s -> assertThat(s.earlierRuns()).isEqualTo(1));
        assertThat(RunReport.load(store, "no-such-run")).isEmpty();
    }

    @Test
    void htmlIsOneSelfContainedEscapedFile() {
        String html = ReportFormat.HTML.render(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "run-7", "patch-db", ">Failed<",
                "Step durations", "checked patch &lt;by hand&gt;", "bob (bob@ws-2)", "ERROR disk full",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "https-check", "Timeline", "<td>Check failed</td>");
        assertThat(html).doesNotContain("<script", "<link", "src=", "http://", "https://");
        Matcher cast = Pattern.compile("data:application/x-asciicast;base64,([A-Za-z0-9+/=]+)").matcher(html);
        assertThat(cast.find()).isTrue();
        String decoded = new String(Base64.getDecoder().decode(cast.group(1)), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("{\"version\":2").contains("10:00 up 3 days");
    }

    @Test
    void markdownHasTheSections() {
        String md = ReportFormat.MD.render(report);
        assertThat(md).startsWith("# Run run-7 — patch-db").contains("**Outcome:** Failed", "## Step durations",
                "| backup Step backup | passed |", "## Failed checks", "ERROR disk full", "## Monitor downtime",
                "| https-check | db-1 |", "belay audit cast", "## Timeline", "| Check failed |");
    }

    @Test
    void jsonCarriesTheChainedEvents() throws Exception {
        JsonNode json = EventRows.JSON.readTree(ReportFormat.JSON.render(report));
        assertThat(json.at("/run/outcome").asText()).isEqualTo("FAILED");
        assertThat(json.get("events")).hasSize(report.timeline().size());
        assertThat(json.at("/events/0/hash").asText()).isEqualTo(report.timeline().get(0).hash());
        assertThat(json.at("/failures/0/outputExcerpt").asText()).contains("ERROR disk full");
        assertThat(json.at("/steps/0/earlierRuns").asInt()).isEqualTo(1);
        assertThat(json.at("/monitorDowntime/0/monitor").asText()).isEqualTo("https-check");
        assertThat(json.at("/recordings/0/cast").asText()).contains("10:00 up 3 days");
    }

    /** Rollback, snapshot and terminal events read in words; the summary says why; downtime has totals. */
    @Test
    void htmlSaysEverythingInWordsWithTheReasonAndDowntimeTotals() {
        Operator bob = new Operator("bob", "bob", "ws-2");
        Fixtures.run(store, "run-8", "patch-db", "prod", bob, null, 2.0, "OK");
        Instant t = store.clock().instant();
        OutputRef snap = store.storeOutput("run-8", "db-1", "max_connections = 500\n");
        store.append(NewEvent.of("run-8", bob, "db-1", new LoggedEvent.SnapshotTaken(t, "patch", "db-1", "my.cnf",
                snap.id(), null, "", true)));
        store.append(NewEvent.of("run-8", bob, "db-1", new LoggedEvent.TerminalOpened(t, "db-1", "rec12345678", 80, 24)));
        store.append(NewEvent.of("run-8", bob, "db-1", new LoggedEvent.TerminalClosed(t, "db-1", "rec12345678", "ab12")));
        store.append(NewEvent.of("run-8", bob, null, new LoggedEvent.RollbackStarted(t, "galera lost quorum", "patch")));
        store.append(NewEvent.of("run-8", bob, null, new LoggedEvent.RunFinished(t, RunOutcome.ROLLED_BACK,
                "rolled back after patch failed")));
        RunReport r8 = RunReport.load(store, "run-8").orElseThrow();

        String html = ReportFormat.HTML.render(r8);

        assertThat(html).contains(">Rolled back<", "<th>Reason</th><td>galera lost quorum (step patch failed)</td>",
                "<td>Rollback started</td>", "<td>galera lost quorum (failed step patch)</td>",
                "<td>Snapshot taken</td>", "my.cnf: first snapshot", "<td>Terminal closed</td>",
                "recording rec12345 sealed", "No monitors ran in this run.");
        assertThat(html).doesNotContain("{\"", "\"kind\"", "ROLLBACK_STARTED</td>", "unchanged");
        assertThat(ReportFormat.HTML.render(report)).contains("https-check down 1m 30s in total.");
    }

    /** A run of a version that wrote its monitors and ends by hand (no kind, old names) still reports. */
    @Test
    void aRunInTodaysStoredFormatStillReads() {
        Operator bob = new Operator("bob", "bob", "ws-2");
        NewEvent start = NewEvent.of("old", bob, null, EventType.RUN_STARTED);
        start.payload().put("runbookId", "patch-db").put("revision", "3").put("inventory", "inv.yaml")
                .put("environment", "prod");
        store.append(start);
        NewEvent cmd = NewEvent.of("old", bob, "db-1", EventType.COMMAND_FINISHED);
        cmd.payload().put("stepId", "backup").put("exitStatus", 2).put("durationMillis", 40);
        store.append(cmd);
        NewEvent down = NewEvent.of("old", bob, "db-1", EventType.MONITOR_DOWN);
        down.payload().put("monitor", "https-check");
        store.append(down);
        NewEvent end = NewEvent.of("old", bob, null, EventType.RUN_FINISHED);
        end.payload().put("outcome", "rolled_back");
        store.append(end);

        RunReport old = RunReport.load(store, "old").orElseThrow();

        assertThat(old.run().outcome()).isEqualTo(RunOutcome.ROLLED_BACK);
        assertThat(old.run().inventory()).isEqualTo("inv.yaml");
        assertThat(old.downtime()).singleElement().satisfies(d -> assertThat(d.monitor()).isEqualTo("https-check"));
        assertThat(old.timeline().get(1).event()).isEqualTo(new LoggedEvent.CommandFinished(
                old.timeline().get(1).ts(), "backup", "db-1", 0, null, null, 2, 40, null, null));
        assertThat(RunReport.describe(old.timeline().get(1))).isEqualTo("exit 2 after 40ms");
    }
}
