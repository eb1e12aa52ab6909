package dev.belay.ui.terminal;

import dev.belay.audit.LoggedEvent;
import dev.belay.ui.fx.Background;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Recording;
import dev.belay.audit.RecordingRef;
import java.util.concurrent.CompletableFuture;

/**
 * One terminal session in the audit log: TERMINAL_OPENED, the asciicast recording (password
 * prompts masked by {@link Recording}), TERMINAL_CLOSED. Every write runs on the session's own
 * recorder thread: JediTerm interrupts its emulator thread on close, and an interrupted H2 write
 * closes the database file for everyone.
 */
final class SessionRecord {

    private final TerminalAudit audit;
    private final String host;
    private final Recording recording;
    private final Background recorder;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean finished;

    private SessionRecord(TerminalAudit audit, String host, Recording recording) {
        this.audit = audit;
        this.host = host;
        this.recording = recording;
        this.recorder = Background.serial("terminal-record-" + host);
    }

    /** Starts the recording and appends TERMINAL_OPENED; call off the FX thread. */
    static SessionRecord open(TerminalAudit audit, String host, int cols, int rows) {
        Recording recording = audit.store().startRecording(audit.runId(), host, cols, rows, host + " terminal");
        audit.store().append(NewEvent.of(audit.runId(), audit.operator(), host, new LoggedEvent.TerminalOpened(
                audit.store().clock().instant(), host, recording.id(), cols, rows)));
        return new SessionRecord(audit, host, recording);
    }

    String recordingId() {
        return recording.id();
    }

    /** What the terminal showed; frames keep their order, their times are when the recorder took them. */
    synchronized void output(String text) {
        if (!finished) {
            recorder.execute(() -> recording.output(text));
        }
    }

    /** A step boundary in the recording (an asciicast marker), timed when the recorder takes it. */
    synchronized void marker(String label) {
        if (!finished) {
            recorder.execute(() -> recording.marker(label));
        }
    }

    synchronized void input(String text) {
        if (!finished) {
            recorder.execute(() -> recording.input(text));
        }
    }

    /** Seals the recording and appends TERMINAL_CLOSED with its hash; later calls return the same end. */
    synchronized CompletableFuture<Void> finish() {
        if (finished) {
            return ended;
        }
        finished = true;
        CompletableFuture.runAsync(() -> {
            RecordingRef ref = recording.finish();
            audit.store().append(NewEvent.of(audit.runId(), audit.operator(), host, new LoggedEvent.TerminalClosed(
                    audit.store().clock().instant(), host, ref.id(), ref.sha256())));
        }, recorder.executor()).whenComplete((v, e) -> {
            recorder.close();
            if (e == null) {
                ended.complete(null);
            } else {
                ended.completeExceptionally(e);
            }
        });
        return ended;
    }
}
