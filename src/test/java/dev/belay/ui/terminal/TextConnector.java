package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.nio.CharBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A shell's output that is all there at once, handed out in reads of at most {@code readSize}
 * characters; at its end either the end of the stream, or silence until closed (as a shell that
 * printed and waits). Typing goes nowhere.
 */
final class TextConnector implements TtyConnector {

    private final CharBuffer text;
    private final int readSize;
    private final boolean holdOpen;
    private final CountDownLatch closed = new CountDownLatch(1);
    final AtomicInteger reads = new AtomicInteger();

    TextConnector(String text, int readSize, boolean holdOpen) {
        this.text = CharBuffer.wrap(text);
        this.readSize = readSize;
        this.holdOpen = holdOpen;
    }

    @Override
    public int read(char[] buf, int offset, int length) {
        synchronized (text) {
            if (text.hasRemaining()) {
                int n = Math.min(Math.min(length, readSize), text.remaining());
                text.get(buf, offset, n);
                reads.incrementAndGet();
                return n;
            }
        }
        if (holdOpen) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return -1;
    }

    @Override
    public boolean ready() {
        synchronized (text) {
            return text.hasRemaining();
        }
    }

    @Override
    public void write(byte[] bytes) {
    }

    @Override
    public void write(String string) {
    }

    @Override
    public boolean isConnected() {
        return closed.getCount() > 0;
    }

    @Override
    public void resize(TermSize size) {
    }

    @Override
    public int waitFor() throws InterruptedException {
        closed.await();
        return 0;
    }

    @Override
    public String getName() {
        return "text";
    }

    @Override
    public void close() {
        closed.countDown();
    }
}
