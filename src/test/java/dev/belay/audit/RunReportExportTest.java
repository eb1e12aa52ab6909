package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
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
        store = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
        Operator bob = new Operator("bob", "bob", "ws-2");
        Fixtures.run(store, "earlier", "patch-db", "prod", bob, "succeeded", 2.0, "OK");
        Fixtures.run(store, "run-7", "patch-db", "prod", bob, "failed", 2.0,
                "a\nb\nc\nd\ne\nf\nERROR disk full\ng\n<script>alert(1)</script>");
        NewEvent down = NewEvent.of("run-7", bob, "db-1", EventType.MONITOR_DOWN);
        down.payload().put("monitor", "https-check").put("detail", "HTTP 503");
        store.append(down);
        NewEvent up = NewEvent.of("run-7", bob, "db-1", EventType.MONITOR_UP);
        up.payload().put("monitor", "https-check");
        store.append(up);
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
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "run-7", "patch-db", "FAILED",
                "Step durations", "checked patch &lt;by hand&gt;", "bob (bob@ws-2)", "ERROR disk full",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "https-check", "Timeline", "EXPECTATION_FAILED");
        assertThat(html).doesNotContain("<script", "<link", "src=", "http://", "https://");
        Matcher cast = Pattern.compile("data:application/x-asciicast;base64,([A-Za-z0-9+/=]+)").matcher(html);
        assertThat(cast.find()).isTrue();
        String decoded = new String(Base64.getDecoder().decode(cast.group(1)), StandardCharsets.UTF_8);
        assertThat(decoded).startsWith("{\"version\":2").contains("10:00 up 3 days");
    }

    @Test
    void markdownHasTheSections() {
        String md = ReportFormat.MD.render(report);
        assertThat(md).startsWith("# Run run-7 — patch-db").contains("**Outcome:** FAILED", "## Step durations",
                "| backup Step backup | ok |", "## Failed checks", "ERROR disk full", "## Monitor downtime",
                "| https-check | db-1 |", "belay audit cast", "## Timeline", "EXPECTATION_FAILED");
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
}
