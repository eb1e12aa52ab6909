package dev.belay.ui.history;

import dev.belay.audit.AuditStore;
import dev.belay.audit.LoggedEvent;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.OutputRef;
import dev.belay.testing.TestClock;
import dev.belay.audit.Recording;
import dev.belay.audit.RunOutcome;
import atlantafx.base.theme.PrimerLight;
import dev.belay.ui.terminal.LabTerminals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * An audit log with runs appended as the engine would: an earlier successful run of patch-db by
 * alice, then a rehearsal by bob on the lab with a failed check, monitor downtime and a terminal
 * recording, and a run of another runbook.
 */
public final class HistoryFixture {

    public static final String EARLIER = "run-earlier";
    public static final String REHEARSAL = "run-rehearsal";
    public static final String OTHER = "run-other";
    static final Operator ALICE = new Operator("alice", "alice", "ws-1");
    static final Operator BOB = new Operator("bob", "bob", "ws-2");

    private HistoryFixture() {
    }

    /** Opens the log at {@code url} with a {@link TestClock} the fixture moves, and fills it. */
    public static AuditStore openFilled(String url) {
        TestClock clock = TestClock.ticking(TestClock.MORNING);
        AuditStore store = AuditStore.open(url, clock);
        fill(store, clock);
        return store;
    }

    /**
     * The history view over a filled log in a fresh directory, on {@code stage} (a TestFX {@code @Start})
     * in the app's theme; close it after each test.
     */
    public static Shown show(Stage stage, String name) throws IOException {
        Path dir = Files.createTempDirectory("belay-" + name);
        AuditStore store = openFilled(AuditStore.h2Url(dir.resolve("audit")));
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        HistoryView view = HistoryView.over(store);
        stage.setScene(new Scene((Parent) view.node(), 1200, 760));
        stage.show();
        return new Shown(dir, store, view);
    }

    /** A shown history view: its directory (the log is {@code audit} in it), its store and the view. */
    public record Shown(Path dir, AuditStore store, HistoryView view) implements AutoCloseable {
        /** Closes the view on the FX thread, then the store. */
        @Override
        public void close() {
            LabTerminals.onFx(() -> {
                view.close();
                return null;
            });
            store.close();
        }
    }

    /** Steps take their time on {@code clock}: it is moved, never slept on. */
    public static void fill(AuditStore store, TestClock clock) {
        run(store, clock, EARLIER, "patch-db", "production", ALICE, false, 250);
        run(store, clock, REHEARSAL, "patch-db", "lab", BOB, true, 50);
        start(store, clock, OTHER, "rotate-certs", "staging", ALICE, false);
        finish(store, clock, OTHER, ALICE, RunOutcome.SUCCEEDED);
    }

    private static void run(AuditStore store, TestClock clock, String runId, String runbook, String env, Operator who,
                            boolean rehearsal, long backupMillis) {
        start(store, clock, runId, runbook, env, who, rehearsal);
        step(store, clock, runId, who, "stop-app", "Stop the application", 60, 100);
        append(store, runId, who, null, new LoggedEvent.StepStarted(clock.instant(), "backup", "Back up the database",
                120.0, "MAIN", List.of("db-1")));
        append(store, runId, who, "db-1", new LoggedEvent.CommandStarted(clock.instant(), "backup", "db-1", 1, "step",
                "pg_dump app > /backup/app.sql\nls -l /backup"));
        clock.advanceMillis(backupMillis);
        String output = rehearsal ? "dumping table users\ndumping table orders\npg_dump: error: disk full\nexit 1\n"
                : "dumping table users\ndumping table orders\ndone\n";
        OutputRef out = store.storeOutput(runId, "db-1", output);
        append(store, runId, who, "db-1", new LoggedEvent.CommandFinished(clock.instant(), "backup", "db-1", 1, "step",
                "exited", rehearsal ? 1 : 0, backupMillis, out.id(), out.sha256()));
        append(store, runId, who, "db-1", new LoggedEvent.ExpectationChecked(clock.instant(), "backup", "db-1", 1,
                "exit status", !rehearsal, "0", rehearsal ? "pg_dump: error: disk full" : "0", null));
        if (rehearsal) {
            monitor(store, clock, runId, who, false, "connection refused");
            record(store, clock, runId, who);
            monitor(store, clock, runId, who, true, "200 OK");
        }
        append(store, runId, who, null, new LoggedEvent.StepFinished(clock.instant(), "backup", !rehearsal,
                rehearsal ? "exit status failed on db-1" : null));
        finish(store, clock, runId, who, rehearsal ? RunOutcome.FAILED : RunOutcome.SUCCEEDED);
    }

    /**
     * A rehearsal of patch-db by alice that stopped after its first step, the backup's command
     * started but never seen to end (Belay was closed): what History offers to resume.
     */
    public static void interrupted(AuditStore store, TestClock clock, String runId) {
        clock.advance(java.time.Duration.ofHours(1));
        start(store, clock, runId, "patch-db", "lab", ALICE, true);
        clock.advance(java.time.Duration.ofSeconds(4));
        step(store, clock, runId, ALICE, "stop-app", "Stop the application", 60, 42_000);
        append(store, runId, ALICE, null, new LoggedEvent.StepStarted(clock.instant(), "backup", "Back up the database",
                120.0, "MAIN", List.of("db-1")));
        append(store, runId, ALICE, "db-1", new LoggedEvent.CommandStarted(clock.instant(), "backup", "db-1", 1, "step",
                "pg_dump app > /backup/app.sql\nls -l /backup"));
    }

    private static void record(AuditStore store, TestClock clock, String runId, Operator who) {
        try (Recording rec = store.startRecording(runId, "db-1", 100, 30, "db-1 terminal")) {
            append(store, runId, who, "db-1", new LoggedEvent.TerminalOpened(clock.instant(), "db-1", rec.id(), 100, 30));
            rec.output("db-1$ ");
            rec.input("df -h /backup\r");
            clock.advanceMillis(120);
            rec.output("df -h /backup\r\nFilesystem  Size  Used Avail Use%\r\n/dev/sdb1    50G   50G     0 100%\r\n");
            clock.advanceMillis(120);
            rec.output("\u001b[32mreplayed-text\u001b[0m ok\r\ndb-1$ ");
            var ref = rec.finish();
            append(store, runId, who, "db-1", new LoggedEvent.TerminalClosed(clock.instant(), "db-1", ref.id(),
                    ref.sha256()));
        }
    }

    static void start(AuditStore store, TestClock clock, String runId, String runbook, String env, Operator who,
                      boolean rehearsal) {
        append(store, runId, who, null, new LoggedEvent.RunStarted(clock.instant(), runId, runbook, "3", "c0ffee",
                "runbooks/" + runbook + ".yaml", "inventories/" + env + ".yaml", env, who.name(), "LIVE", null,
                rehearsal, false, Map.of()));
    }

    static void finish(AuditStore store, TestClock clock, String runId, Operator who, RunOutcome outcome) {
        append(store, runId, who, null, new LoggedEvent.RunFinished(clock.instant(), outcome, null));
    }

    private static void step(AuditStore store, TestClock clock, String runId, Operator who, String id, String title,
                             int estimate, long millis) {
        append(store, runId, who, null, new LoggedEvent.StepStarted(clock.instant(), id, title, (double) estimate,
                "MAIN", List.of("db-1")));
        clock.advanceMillis(millis);
        append(store, runId, who, null, new LoggedEvent.StepFinished(clock.instant(), id, true, null));
    }

    private static void monitor(AuditStore store, TestClock clock, String runId, Operator who, boolean up,
                                String detail) {
        append(store, runId, who, "db-1", new LoggedEvent.MonitorChanged(clock.instant(), "app-health", up, detail));
    }

    static void append(AuditStore store, String runId, Operator who, String host, LoggedEvent event) {
        store.append(NewEvent.of(runId, who, host, event));
    }
}
