package dev.belay.ui.history;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.OutputRef;
import dev.belay.audit.ManualClock;
import dev.belay.audit.Recording;

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

    /** Opens the log at {@code url} with a {@link ManualClock} the fixture moves, and fills it. */
    public static AuditStore openFilled(String url) {
        ManualClock clock = ManualClock.morning();
        AuditStore store = AuditStore.open(url, clock);
        fill(store, clock);
        return store;
    }

    /** Steps take their time on {@code clock}: it is moved, never slept on. */
    public static void fill(AuditStore store, ManualClock clock) {
        run(store, clock, EARLIER, "patch-db", "production", ALICE, false, 250);
        run(store, clock, REHEARSAL, "patch-db", "lab", BOB, true, 50);
        start(store, OTHER, "rotate-certs", "staging", ALICE);
        finish(store, OTHER, ALICE, "succeeded");
    }

    private static void run(AuditStore store, ManualClock clock, String runId, String runbook, String env, Operator who,
                            boolean rehearsal, long backupMillis) {
        start(store, runId, runbook, env, who);
        step(store, clock, runId, who, "stop-app", "Stop the application", 60, 100);
        store.append(stepEvent(runId, who, "backup", EventType.STEP_STARTED).put("title", "Back up the database")
                .put("estimateSeconds", 120).parent());
        NewEvent cmd = NewEvent.of(runId, who, "db-1", EventType.COMMAND_STARTED);
        cmd.payload().put("stepId", "backup").put("command", "pg_dump app > /backup/app.sql");
        store.append(cmd);
        clock.advanceMillis(backupMillis);
        String output = rehearsal ? "dumping table users\ndumping table orders\npg_dump: error: disk full\nexit 1\n"
                : "dumping table users\ndumping table orders\ndone\n";
        OutputRef out = store.storeOutput(runId, "db-1", output);
        NewEvent finished = NewEvent.of(runId, who, "db-1", EventType.COMMAND_FINISHED);
        finished.payload().put("stepId", "backup").put("exitStatus", rehearsal ? 1 : 0).put("durationMillis", backupMillis)
                .put("outputId", out.id()).put("outputSha256", out.sha256());
        store.append(finished);
        NewEvent check = NewEvent.of(runId, who, "db-1",
                rehearsal ? EventType.EXPECTATION_FAILED : EventType.EXPECTATION_PASSED);
        check.payload().put("stepId", "backup").put("expectation", "exit status").put("expected", "0")
                .put("seen", rehearsal ? "pg_dump: error: disk full" : "0").put("outputId", out.id());
        store.append(check);
        if (rehearsal) {
            monitor(store, runId, who, EventType.MONITOR_DOWN, "connection refused");
            record(store, clock, runId, who);
            monitor(store, runId, who, EventType.MONITOR_UP, "200 OK");
        }
        store.append(stepEvent(runId, who, "backup", EventType.STEP_FINISHED)
                .put("status", rehearsal ? "failed" : "passed").parent());
        finish(store, runId, who, rehearsal ? "failed" : "succeeded");
    }

    private static void record(AuditStore store, ManualClock clock, String runId, Operator who) {
        try (Recording rec = store.startRecording(runId, "db-1", 100, 30, "db-1 terminal")) {
            NewEvent opened = NewEvent.of(runId, who, "db-1", EventType.TERMINAL_OPENED);
            opened.payload().put("recordingId", rec.id());
            store.append(opened);
            rec.output("db-1$ ");
            rec.input("df -h /backup\r");
            clock.advanceMillis(120);
            rec.output("df -h /backup\r\nFilesystem  Size  Used Avail Use%\r\n/dev/sdb1    50G   50G     0 100%\r\n");
            clock.advanceMillis(120);
            rec.output("\u001b[32mreplayed-text\u001b[0m ok\r\ndb-1$ ");
            var ref = rec.finish();
            NewEvent closed = NewEvent.of(runId, who, "db-1", EventType.TERMINAL_CLOSED);
            closed.payload().put("recordingId", ref.id()).put("sha256", ref.sha256());
            store.append(closed);
        }
    }

    private static void start(AuditStore store, String runId, String runbook, String env, Operator who) {
        NewEvent e = NewEvent.of(runId, who, null, EventType.RUN_STARTED);
        e.payload().put("runbookId", runbook).put("revision", "3").put("inventory", "inventories/" + env + ".yaml")
                .put("environment", env);
        store.append(e);
    }

    private static void finish(AuditStore store, String runId, Operator who, String outcome) {
        NewEvent e = NewEvent.of(runId, who, null, EventType.RUN_FINISHED);
        e.payload().put("outcome", outcome);
        store.append(e);
    }

    private static void step(AuditStore store, ManualClock clock, String runId, Operator who, String id, String title,
                             int estimate, long millis) {
        store.append(stepEvent(runId, who, id, EventType.STEP_STARTED).put("title", title)
                .put("estimateSeconds", estimate).parent());
        clock.advanceMillis(millis);
        store.append(stepEvent(runId, who, id, EventType.STEP_FINISHED).put("status", "passed").parent());
    }

    private static void monitor(AuditStore store, String runId, Operator who, EventType type, String detail) {
        NewEvent e = NewEvent.of(runId, who, "db-1", type);
        e.payload().put("monitor", "app-health").put("detail", detail);
        store.append(e);
    }

    /** A step event under construction; {@link Builder#parent()} gives the event back. */
    private static Builder stepEvent(String runId, Operator who, String stepId, EventType type) {
        NewEvent e = NewEvent.of(runId, who, null, type);
        e.payload().put("stepId", stepId);
        return new Builder(e);
    }

    private record Builder(NewEvent event) {
        Builder put(String k, String v) {
            event.payload().put(k, v);
            return this;
        }

        Builder put(String k, int v) {
            event.payload().put(k, v);
            return this;
        }

        NewEvent parent() {
            return event;
        }
    }
}
