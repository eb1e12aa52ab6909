package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.belay.testing.TestClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same audit tests for every database: subclasses say where the database is. */
abstract class AuditStoreContract {

    static final Operator ALICE = new Operator("alice", "alice", "ws-1");

    protected AuditStore store;

    /** A fresh, empty database URL for one test. */
    protected abstract String freshUrl() throws Exception;

    private TestClock clock;

    @BeforeEach
    void openStore() throws Exception {
        clock = TestClock.ticking(TestClock.MORNING);
        store = AuditStore.open(freshUrl(), clock);
    }

    @Test
    void eventsAndRecordingsAreStampedByTheStoresClock() {
        java.time.Instant morning = java.time.Instant.parse("2026-03-01T09:00:00Z");
        store.append(NewEvent.of("clocked", ALICE, null, EventType.RUN_STARTED));
        clock.advance(java.time.Duration.ofMinutes(5));
        store.append(NewEvent.of("clocked", ALICE, null, EventType.NOTE));
        RecordingRef rec;
        try (Recording r = store.startRecording("clocked", "db-1", 80, 24, null)) {
            r.output("hello");
            rec = r.finish();
        }
        assertThat(store.timeline("clocked")).extracting(AuditEvent::ts)
                .containsExactly(morning, morning.plusSeconds(300).plusMillis(1));
        assertThat(rec.started()).isEqualTo(morning.plusSeconds(300).plusMillis(2));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected Connection raw() {
        return new Database(url()).connect();
    }

    protected abstract String url();

    protected void sql(String statement) throws SQLException {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    static NewEvent note(String run, String text) {
        NewEvent e = NewEvent.of(run, ALICE, "db-1", EventType.NOTE);
        e.payload().put("text", text);
        return e;
    }

    @Test
    void appendedEventsReadBackWithSeqTimestampAndHashes() {
        NewEvent start = NewEvent.of("run-1", ALICE, null, EventType.RUN_STARTED);
        start.payload().put("runbookId", "patch-db").put("environment", "prod");
        AuditEvent first = store.append(start);
        AuditEvent second = store.append(note("run-1", "héllo \"quoted\" ✓"));

        List<AuditEvent> timeline = store.timeline("run-1");
        assertThat(timeline).containsExactly(first, second);
        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(first.prevHash()).isEqualTo(HashChain.GENESIS);
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(second.ts()).isEqualTo(second.ts().truncatedTo(ChronoUnit.MILLIS));
        assertThat(second.text("text")).isEqualTo("héllo \"quoted\" ✓");
        assertThat(second.operator()).isEqualTo(ALICE);
        assertThat(second.targetHost()).isEqualTo("db-1");
        assertThat(store.verify()).isEqualTo(new VerifyResult.Intact(2, second.hash()));
    }

    @Test
    void oversizedPayloadIsRefusedWithAHintAndLeavesNoTrace() {
        store.append(note("run-1", "small"));
        assertThatThrownBy(() -> store.append(note("run-1", "x".repeat(AuditStore.MAX_PAYLOAD_CHARS))))
                .isInstanceOf(AuditException.class).hasMessageContaining("storeOutput");
        assertThat(store.append(note("run-1", "next")).seq()).isEqualTo(2);
        assertThat(store.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    @Test
    void concurrentWritersBuildOneChain() throws Exception {
        int threads = 4;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String run = "run-" + t;
            futures.add(pool.submit(() -> {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    seqs.add(store.append(note(run, "n" + i)).seq());
                }
                return seqs;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            List<Long> seqs = f.get(60, TimeUnit.SECONDS);
            assertThat(seqs).isSorted();
            all.addAll(seqs);
        }
        pool.shutdown();
        Collections.sort(all);
        assertThat(all).hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(all.get(all.size() - 1)).isEqualTo(threads * each);
        assertThat(store.verify()).isInstanceOf(VerifyResult.Intact.class);
        assertThat(store.timeline("run-2")).extracting(e -> e.text("text")).startsWith("n0", "n1", "n2");
    }

    private void appendNotes(int n) {
        for (int i = 1; i <= n; i++) {
            store.append(note("run-1", "note " + i));
        }
    }

    @Test
    void verifyNamesAnEditedRow() throws Exception {
        appendNotes(6);
        sql("UPDATE events SET payload = '{\"text\":\"nothing happened\"}' WHERE seq = 5");
        assertThat(store.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(5);
            assertThat(b.reason()).contains("edited");
        });
    }

    @Test
    void verifyNamesADeletedRow() throws Exception {
        appendNotes(6);
        sql("DELETE FROM events WHERE seq = 4");
        assertThat(store.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(4);
            assertThat(b.reason()).contains("deleted");
        });
    }

    @Test
    void verifyNamesRowsDeletedFromTheEnd() throws Exception {
        appendNotes(6);
        sql("DELETE FROM events WHERE seq >= 5");
        assertThat(store.verify()).isEqualTo(new VerifyResult.Broken(5,
                "events 5 to 6 are missing: deleted from the end of the log"));
    }

    @Test
    void verifyNamesReorderedRows() throws Exception {
        appendNotes(6);
        sql("UPDATE events SET seq = 100 WHERE seq = 3");
        sql("UPDATE events SET seq = 3 WHERE seq = 4");
        sql("UPDATE events SET seq = 4 WHERE seq = 100");
        assertThat(store.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class, b -> {
            assertThat(b.seq()).isEqualTo(3);
            assertThat(b.reason()).contains("reordered");
        });
    }

    @Test
    void verifyCatchesAnEditWhoseHashWasRecomputed() throws Exception {
        appendNotes(4);
        List<AuditEvent> events = store.timeline("run-1");
        AuditEvent e2 = events.get(1);
        String forged = "{\"text\":\"forged\"}";
        String hash = HashChain.hash(e2.prevHash(), 2, e2.ts(), "run-1", ALICE, "db-1", "NOTE", forged);
        sql("UPDATE events SET payload = '" + forged + "', hash = '" + hash + "' WHERE seq = 2");
        assertThat(store.verify()).isInstanceOfSatisfying(VerifyResult.Broken.class,
                b -> assertThat(b.seq()).isEqualTo(3));
    }

    @Test
    void secretsAreMaskedInEventsOutputsAndRecordings() throws Exception {
        store.masker().addAll(List.of("s3cr3t-token", "tok"));
        NewEvent start = NewEvent.of("run-s", ALICE, null, EventType.RUN_STARTED);
        ObjectNode vars = start.payload().putObject("vars");
        vars.put("api_token", "s3cr3t-token").put("user", "admin");
        store.append(start);
        store.append(note("run-s", "curl -H 'X: s3cr3t-token' http://x"));
        OutputRef out = store.storeOutput("run-s", "db-1", "echo s3cr3t-token\ns3cr3t-token\n");
        try (Recording rec = store.startRecording("run-s", "db-1", 80, 24, "shell")) {
            rec.output("$ echo s3");
            rec.output("cr3");
            rec.output("t-token\r\ns3cr3t-token\r\n[sudo] password for alice: ");
            rec.input("hunter2-typed\r");
            rec.output("\r\n$ ");
            rec.input("echo hunter2-typed\r");
            rec.output("echo hunter2-typed\r\nhunter2-typed\r\nChange password? [y/n]: ");
            rec.input("y\r");
            rec.output("you said yes\r\n");
        }
        String everything = dumpEverything();
        assertThat(everything).doesNotContain("s3cr3t", "hunter2").contains("******", "admin", "you said yes");
        assertThat(store.readOutput(out.id())).hasValue("echo ******\n******\n");
        assertThat(store.verify()).isInstanceOf(VerifyResult.Intact.class);
    }

    /** Every stored text, decompressed, for the secrets check. */
    private String dumpEverything() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = raw(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT operator_name, target_host, payload FROM events")) {
                while (rs.next()) {
                    all.append(rs.getString(1)).append(rs.getString(2)).append(rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT data FROM outputs")) {
                while (rs.next()) {
                    all.append(Gzip.decompress(rs.getBytes(1)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT title FROM recordings")) {
                while (rs.next()) {
                    all.append(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT data FROM recording_chunks")) {
                while (rs.next()) {
                    all.append(Gzip.decompress(rs.getBytes(1)));
                }
            }
        }
        return all.toString();
    }

    @Test
    void largeOutputsKeepHeadAndTailAndCountWhatWasDropped() {
        store.setOutputCapBytes(1000);
        String text = "HEAD" + "x".repeat(5000) + "TAIL";
        OutputRef ref = store.storeOutput("run-1", "db-1", text);
        String stored = store.readOutput(ref.id()).orElseThrow();
        assertThat(ref.originalBytes()).isEqualTo(5008);
        assertThat(ref.droppedBytes()).isEqualTo(4008);
        assertThat(stored).startsWith("HEAD").endsWith("TAIL").contains("dropped 4008 bytes");
        assertThat(ref.sha256()).isEqualTo(HashChain.sha256(stored));
    }

    @Test
    void recordingsAreAsciicastV2() throws Exception {
        String id;
        try (Recording rec = store.startRecording("run-1", "db-1", 100, 30, "db-1 shell")) {
            id = rec.id();
            rec.output("$ ");
            rec.input("ls\r");
            rec.output("ls\r\nfile\r\n$ ");
        }
        List<String> lines = store.readRecording(id).orElseThrow().lines().toList();
        var json = EventRows.JSON;
        assertThat(json.readTree(lines.get(0)).get("version").asInt()).isEqualTo(2);
        assertThat(json.readTree(lines.get(0)).get("width").asInt()).isEqualTo(100);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> {
            var frame = json.readTree(l);
            assertThat(frame.get(0).isNumber()).isTrue();
            assertThat(frame.get(1).asText()).isIn("o", "i");
        });
        assertThat(String.join("", lines)).contains("ls\\r\\nfile");
        assertThat(store.recordings("run-1")).extracting(RecordingRef::id).containsExactly(id);
    }

    /**
     * A flood is stored while it runs, a few hundred K characters a chunk (a killed process loses at
     * most the last of them), and reads back whole: base64 kept in gzip's stored blocks, lines deflated.
     */
    @Test
    void aFloodIsStoredWhileItRunsInBoundedChunks() throws Exception {
        java.util.Random random = new java.util.Random(3);
        StringBuilder flood = new StringBuilder();
        byte[] raw = new byte[57];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(raw);
            flood.append(java.util.Base64.getEncoder().encodeToString(raw)).append("\r\n");
        }
        for (int i = 1; i <= 100_000; i++) {
            flood.append(i).append("\r\n");
        }
        Recording rec = store.startRecording("run-1", "db-1", 120, 32, "flood");
        for (int at = 0; at < flood.length(); at += 64 * 1024) {
            rec.output(flood.substring(at, Math.min(flood.length(), at + 64 * 1024)));
        }
        List<Integer> sizes = new java.util.ArrayList<>();
        List<Double> ratios = new java.util.ArrayList<>();
        try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
                "SELECT data FROM recording_chunks WHERE recording_id = ? ORDER BY chunk_no")) {
            ps.setString(1, rec.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] stored = rs.getBytes(1);
                    String text = Gzip.decompress(stored);
                    sizes.add(text.length());
                    ratios.add(stored.length / (double) text.length());
                }
            }
        }
        // before finish(): 2.6 M characters of output are mostly in the store already
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isGreaterThan(flood.length() - 400 * 1024);
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThan(400 * 1024));
        assertThat(ratios.get(1)).as("base64, stored").isGreaterThanOrEqualTo(1.0);
        assertThat(ratios.get(ratios.size() - 1)).as("seq, deflated").isLessThan(0.5);
        rec.finish();
        StringBuilder output = new StringBuilder();
        for (String line : store.readRecording(rec.id()).orElseThrow().lines().skip(1).toList()) {
            output.append(EventRows.JSON.readTree(line).get(2).asText());
        }
        assertThat(output.toString()).isEqualTo(flood.toString());
    }

    @Test
    void runsAreFilteredAndStepsComparedWithEarlierRuns() throws Exception {
        Fixtures.run(store, "r1", "patch-db", "prod", ALICE, "succeeded", 3.0, "all good");
        Fixtures.run(store, "r2", "patch-db", "staging", new Operator("bob", "bob", "ws-2"), "failed", 3.0,
                "ERROR disk full");
        Fixtures.run(store, "r3", "patch-db", "prod", ALICE, "succeeded", 3.0, "fine");
        Fixtures.run(store, "o1", "other", "prod", ALICE, null, 1.0, "fine");
        NewEvent handover = NewEvent.of("r1", new Operator("dave", "dave", "ws-4"), null, EventType.OPERATOR_HANDOVER);
        handover.payload().put("from", "alice").put("to", "dave");
        store.append(handover);

        assertThat(store.runs(RunQuery.all())).extracting(RunSummary::runId).containsExactly("o1", "r3", "r2", "r1");
        assertThat(store.runs(RunQuery.all().runbook("patch-db").environment("prod")))
                .extracting(RunSummary::runId).containsExactly("r3", "r1");
        assertThat(store.runs(RunQuery.all().operator("bob"))).extracting(RunSummary::runId).containsExactly("r2");
        assertThat(store.runs(RunQuery.all().operator("dave"))).extracting(RunSummary::runId).containsExactly("r1");
        assertThat(store.run("r1").orElseThrow().operators()).containsExactly("alice", "dave");
        assertThat(store.runs(RunQuery.all().outcome(RunOutcome.FAILED))).extracting(RunSummary::runId)
                .containsExactly("r2");
        assertThat(store.runs(RunQuery.all().outcome(RunOutcome.UNFINISHED))).extracting(RunSummary::runId)
                .containsExactly("o1");
        assertThat(store.runs(RunQuery.all().outputContains("disk full"))).extracting(RunSummary::runId)
                .containsExactly("r2");
        var r2 = store.run("r2").orElseThrow();
        assertThat(store.runs(RunQuery.all().between(r2.startedAt(), r2.startedAt().plusMillis(1))))
                .extracting(RunSummary::runId).containsExactly("r2");

        List<StepDuration> steps = store.stepDurations("r3");
        assertThat(steps).extracting(StepDuration::stepId).containsExactly("backup", "patch");
        StepDuration backup = steps.get(0);
        assertThat(backup.estimate()).isEqualTo(Duration.ofSeconds(3));
        assertThat(backup.earlierRuns()).isEqualTo(2);
        assertThat(backup.medianOfEarlier()).isNotNull();
        assertThat(backup.actual()).isNotNull();
    }
}
