package dev.belay.ui.history;

import com.techsenger.jeditermfx.core.TtyConnector;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Feeds recorded output to a JediTermFX widget: JediTerm's emulator thread blocks in {@link #read}
 * until the player offers text. Typing into a replay goes nowhere.
 */
final class ReplayConnector implements TtyConnector {

    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private String current = "";
    private int offset;

    void feed(String text) {
        if (!closed.get()) {
            pending.add(text);
        }
    }

    @Override
    public int read(char[] buf, int off, int length) throws java.io.InterruptedIOException {
        try {
            while (offset >= current.length()) {
                if (closed.get()) {
                    return -1;
                }
                String s = pending.poll(200, TimeUnit.MILLISECONDS);
                if (s != null) {
                    current = s;
                    offset = 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("replay stopped");
        }
        int n = Math.min(length, current.length() - offset);
        current.getChars(offset, offset + n, buf, off);
        offset += n;
        return n;
    }

    @Override
    public void write(byte[] bytes) {
        // A replay is read-only.
    }

    @Override
    public void write(String string) {
        // A replay is read-only.
    }

    @Override
    public boolean isConnected() {
        return !closed.get();
    }

    @Override
    public int waitFor() {
        return 0;
    }

    @Override
    public boolean ready() {
        return offset < current.length() || !pending.isEmpty();
    }

    @Override
    public String getName() {
        return "replay";
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
