package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.Recording;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @TempDir
    Path dir;
    String url;
    String recordingId;
    private final Cli cli = new Cli();
    final StringWriter out = cli.out;
    final StringWriter err = cli.err;

    @BeforeEach
    void recordOneRun() {
        url = AuditStore.h2Url(dir.resolve("audit"));
        Operator op = new Operator("carol", "carol", "ws-3");
        try (AuditStore store = AuditStore.open(url)) {
            NewEvent start = NewEvent.of("run-42", op, null, EventType.RUN_STARTED);
            start.payload().put("runbookId", "rotate-certs").put("environment", "prod");
            store.append(start);
            NewEvent note = NewEvent.of("run-42", op, "web-1", EventType.NOTE);
            note.payload().put("text", "cert rotated");
            store.append(note);
            try (Recording rec = store.startRecording("run-42", "web-1", 80, 24, "web-1 shell")) {
                recordingId = rec.id();
                rec.output("$ ");
            }
            NewEvent end = NewEvent.of("run-42", op, null, EventType.RUN_FINISHED);
            end.payload().put("outcome", "succeeded");
            store.append(end);
        }
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void verifyPassesThenNamesTheEditedEvent() throws Exception {
        assertThat(run("audit", "verify", "--db", url)).isZero();
        assertThat(out.toString()).contains("OK: 3 events");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE events SET target_host = 'web-2' WHERE seq = 2");
        }
        assertThat(run("audit", "verify", "--db", url)).isEqualTo(1);
        assertThat(err.toString()).contains("#2", "edited");
    }

    @Test
    void runsAndShowPrintTheRun() {
        assertThat(run("audit", "runs", "--db", url, "--env", "prod")).isZero();
        assertThat(out.toString()).contains("run-42", "rotate-certs", "Succeeded", "carol");
        assertThat(run("audit", "show", "run-42", "--db", url)).isZero();
        assertThat(out.toString()).contains("Note", "cert rotated", "recording " + recordingId);
        assertThat(run("audit", "show", "nope", "--db", url)).isEqualTo(1);
        assertThat(err.toString()).contains("no run 'nope'");
    }

    @Test
    void exportWritesEachFormatAndCastWritesTheRecording() throws Exception {
        for (String format : new String[] {"html", "md", "json"}) {
            Path file = dir.resolve("report." + format);
            assertThat(run("audit", "export", "run-42", "--format", format, "--out", file.toString(), "--db", url))
                    .isZero();
            assertThat(Files.readString(file)).contains("run-42", "cert rotated");
        }
        Path cast = dir.resolve("s.cast");
        assertThat(run("audit", "cast", recordingId, "--out", cast.toString(), "--db", url)).isZero();
        assertThat(Files.readString(cast)).startsWith("{\"version\":2");
    }

    @Test
    void usageErrorsExitTwoWithoutAStackTrace() {
        assertThat(run("audit", "export", "run-42", "--format", "pdf", "--out", "x", "--db", url)).isEqualTo(2);
        assertThat(err.toString()).contains("'pdf' is not a format").doesNotContain("Exception");
        assertThat(run("audit", "runs", "--since", "yesterday", "--db", url)).isEqualTo(2);
        assertThat(err.toString()).contains("is not a date");
        assertThat(run("audit", "verify", "--db", "jdbc:mysql://x/y")).isEqualTo(1);
        assertThat(err.toString()).contains("Unsupported audit database URL");
    }
}
