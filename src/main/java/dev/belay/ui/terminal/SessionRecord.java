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

    /** Characters of output joined into one frame at most (1 M: a chunk of the recording). */
    static final int JOIN_LIMIT = 1 << 20;

    private final TerminalAudit audit;
    private final String host;
    private final Recording recording;
    private final Background recorder;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile boolean finished;
    /** Output not yet taken by the recorder, joined while it is busy; null when none waits. */
    private StringBuilder waiting;

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

    /**
     * What the terminal showed; frames keep their order, their times are when the recorder took them.
     * Output that comes while the recorder is still busy joins the output already waiting (up to
     * {@link #JOIN_LIMIT} characters): under a flood the recording takes a few large frames, each one
     * chunk and one transaction in the store, rather than one per read of the emulator. Input and
     * markers close the waiting output, so nothing changes order.
     */
    synchronized void output(String text) {
        if (finished) {
            return;
        }
        if (waiting == null || waiting.length() >= JOIN_LIMIT) {
            StringBuilder joined = new StringBuilder(text);
            waiting = joined;
            recorder.execute(() -> recording.output(take(joined)));
        } else {
            waiting.append(text);
        }
    }

    private synchronized String take(StringBuilder joined) {
        if (waiting == joined) {
            waiting = null;
        }
        return joined.toString();
    }

    /** A step boundary in the recording (an asciicast marker), timed when the recorder takes it. */
    synchronized void marker(String label) {
        if (!finished) {
            waiting = null;
            recorder.execute(() -> recording.marker(label));
        }
    }

    synchronized void input(String text) {
        if (!finished) {
            waiting = null;
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
