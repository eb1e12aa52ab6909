package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.LoggedEvent;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.OutputRef;
import dev.belay.audit.RunOutcome;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run events go into the audit log as the log's typed records and come back as the same run events. */
class StoredEventsTest {

    private static final Instant T = Instant.parse("2026-11-25T02:00:00Z");

    @TempDir
    Path dir;
    AuditStore audit;
    AuditEventSink sink;

    @BeforeEach
    void open() {
        audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
        sink = new AuditEventSink(audit);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    /** Kinds of the log that other writers than the engine store (a live terminal's recording). */
    private static final Set<String> WRITTEN_BESIDE_THE_ENGINE = Set.of("TerminalOpened", "TerminalClosed");

    /**
     * Where a durable run event's field is stored as other fields of the log's record (see EventJson and
     * AuditEventSink): the run's status as the log's outcome, outputs and snapshot contents in the output
     * store. Field names not listed here must be the same on both sides, since payloads are read back by name.
     */
    private static final Map<String, Map<String, List<String>>> STORED_AS = Map.of(
            "RunFinished", Map.of("status", List.of("outcome")),
            "CommandFinished", Map.of("output", List.of("outputId", "outputSha256")),
            "SnapshotTaken", Map.of("content", List.of("contentId")),
            "ExpectationChecked", Map.of("", List.of("outputId")));

    @Test
    void theEnginesDurableEventsAndTheLogsRecordsHaveTheSameKinds() {
        Set<String> logged = Arrays.stream(LoggedEvent.class.getPermittedSubclasses())
                .filter(c -> c != LoggedEvent.Other.class).map(Class::getSimpleName).collect(Collectors.toSet());

        assertThat(durableKinds().keySet()).isNotEmpty()
                .as("a durable RunEvent without a LoggedEvent of the same name would be stored as Other")
                .isEqualTo(difference(logged, WRITTEN_BESIDE_THE_ENGINE));
        assertThat(logged).as("kinds other writers store").containsAll(WRITTEN_BESIDE_THE_ENGINE);
        assertThat(STORED_AS.keySet()).isSubsetOf(durableKinds().keySet());
    }

    @Test
    void eachDurableEventHasTheFieldsOfItsRecordInTheLog() {
        Map<String, Class<?>> logged = Arrays.stream(LoggedEvent.class.getPermittedSubclasses())
                .collect(Collectors.toMap(Class::getSimpleName, c -> c));
        durableKinds().forEach((kind, type) -> {
            Map<String, List<String>> moved = STORED_AS.getOrDefault(kind, Map.of());
            List<String> expected = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                expected.addAll(moved.getOrDefault(c.getName(), List.of(c.getName())));
            }
            expected.addAll(moved.getOrDefault("", List.of()));
            assertThat(fields(logged.get(kind))).as(kind + ": the log's fields, from the engine's")
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    /** The engine's run events the log keeps, by name: the live-only ones override durable() to say false. */
    private static Map<String, Class<?>> durableKinds() {
        return Arrays.stream(RunEvent.class.getPermittedSubclasses())
                .filter(c -> Arrays.stream(c.getDeclaredMethods()).noneMatch(m -> m.getName().equals("durable")))
                .collect(Collectors.toMap(Class::getSimpleName, c -> c));
    }

    private static List<String> fields(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    @Test
    void eachEventComesBackAsItWasAndReadsTyped() {
        List<RunEvent> events = List.of(
                new RunEvent.RunStarted(T, "r1", "patch-db", 4, "c0ffee", "rb.yaml", "inv.yaml", "lab", "alice",
                        RunMode.LIVE, T.plusSeconds(3600), true, false, Map.of("region", "eu")),
                new RunEvent.StepStarted(T, "backup", "Back up", 90.0, Phase.MAIN, List.of("db-1", "db-2")),
                new RunEvent.CommandStarted(T, "backup", "db-1", 1, "step", "pg_dump app\n  > /backup/app.sql"),
                new RunEvent.CommandFinished(T, "backup", "db-1", 1, "step", "exited", 0, "dumped 3 tables\n", 250),
                new RunEvent.ExpectationChecked(T, "backup", "db-1", 1, "exit 0", true, "0", "0"),
                new RunEvent.ValueCaptured(T, "backup", "db-1", "size", "12G"),
                new RunEvent.SnapshotTaken(T, "backup", "db-1", "my.cnf", "max_connections=500\n", null, "", true),
                new RunEvent.HostFinished(T, "backup", "db-1", true, 1, ""),
                new RunEvent.GateChecked(T, "backup", 1, true, "held"),
                new RunEvent.StepFinished(T, "backup", true, ""),
                new RunEvent.StepConfirmed(T, "backup", "looked fine", false),
                new RunEvent.MonitorChanged(T, "app-health", false, "HTTP 503"),
                new RunEvent.OutcomeResolved(T, "backup", "db-2", Resolution.MARK_DONE, "checked the dump by hand"),
                new RunEvent.RollbackStarted(T, "quorum lost", "backup"),
                new RunEvent.RunResumed(T, "bob", false, List.of("backup on db-2")),
                new RunEvent.RunFinished(T, RunStatus.ROLLED_BACK, "rolled back"));
        events.forEach(e -> sink.append("r1", "alice", e));

        assertThat(sink.events("r1")).containsExactlyElementsOf(events);
        List<LoggedEvent> logged = audit.timeline("r1").stream().map(AuditEvent::event).toList();
        assertThat(logged).noneMatch(LoggedEvent.Other.class::isInstance);
        assertThat(logged.get(0)).isInstanceOfSatisfying(LoggedEvent.RunStarted.class, s -> {
            assertThat(s.revision()).isEqualTo("4");
            assertThat(s.rehearsal()).isTrue();
        });
        assertThat(logged.get(logged.size() - 1)).isEqualTo(new LoggedEvent.RunFinished(T, RunOutcome.ROLLED_BACK,
                "rolled back"));
        assertThat(audit.run("r1").orElseThrow().outcome()).isEqualTo(RunOutcome.ROLLED_BACK);
        assertThat(audit.run("r1").orElseThrow().rehearsal()).isTrue();
    }

    /** What Belay stored before the records existed: the event's fields, its kind, and the readers' own names. */
    @Test
    void aRunStoredInTheEarlierFormatStillResumesAndReports() throws Exception {
        Operator alice = new Operator("alice", "alice", "ws-1");
        OutputRef out = audit.storeOutput("r2", "db-1", "dumped\n");
        ObjectMapper json = new ObjectMapper();
        append(json, alice, EventType.RUN_STARTED, null, """
                {"at":"2026-11-25T02:00:00Z","runId":"r2","runbookId":"patch-db","revision":"4","contentHash":"c0",
                 "runbookPath":"rb.yaml","inventoryPath":"inv.yaml","environment":"prod","operator":"alice",
                 "mode":"LIVE","windowEnd":null,"rehearsal":false,"autoConfirm":false,"vars":{},
                 "kind":"RunStarted","inventory":"inv.yaml"}""");
        append(json, alice, EventType.COMMAND_FINISHED, "db-1", """
                {"at":"2026-11-25T02:00:01Z","stepId":"backup","host":"db-1","attempt":1,"purpose":"step",
                 "outcome":"exited","exitCode":0,"millis":250,"kind":"CommandFinished","exitStatus":0,
                 "durationMillis":250,"outputId":"%s","outputSha256":"%s"}""".formatted(out.id(), out.sha256()));
        append(json, alice, EventType.SNAPSHOT_TAKEN, "db-1", """
                {"at":"2026-11-25T02:00:02Z","stepId":"backup","host":"db-1","name":"my.cnf","previousRunId":null,
                 "diff":"","same":true,"kind":"SnapshotTaken","contentId":"%s","outputId":"%s",
                 "outputSha256":"%s"}""".formatted(out.id(), out.id(), out.sha256()));
        append(json, alice, EventType.RUN_FINISHED, null, """
                {"at":"2026-11-25T02:00:03Z","status":"COMPLETED","message":"done","kind":"RunFinished",
                 "outcome":"succeeded"}""");

        assertThat(sink.events("r2")).containsExactly(
                new RunEvent.RunStarted(T, "r2", "patch-db", 4, "c0", "rb.yaml", "inv.yaml", "prod", "alice",
                        RunMode.LIVE, null, false, false, Map.of()),
                new RunEvent.CommandFinished(T.plusSeconds(1), "backup", "db-1", 1, "step", "exited", 0, "dumped\n", 250),
                new RunEvent.SnapshotTaken(T.plusSeconds(2), "backup", "db-1", "my.cnf", "dumped\n", null, "", true),
                new RunEvent.RunFinished(T.plusSeconds(3), RunStatus.COMPLETED, "done"));
        assertThat(audit.run("r2").orElseThrow().outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(audit.timeline("r2").get(2).event()).isInstanceOfSatisfying(LoggedEvent.SnapshotTaken.class,
                s -> assertThat(s.first()).isTrue());
    }

    private void append(ObjectMapper json, Operator who, EventType type, String host, String payload) throws Exception {
        audit.append(new NewEvent("r2", who, host, type, (ObjectNode) json.readTree(payload)));
    }
}
