package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.ArrayTerminalDataStream;
import com.techsenger.jeditermfx.core.TtyConnector;
import java.io.IOException;

/**
 * What JediTerm's emulator reads from the shell, in batches of up to {@link #BATCH} characters
 * (JediTermFX reads 1,024 at a time): under a flood each read, and what rides on it (the
 * recording's frame, a broadcast's capture), happens 64 times less often. The emulator thread
 * reads; the FX thread never does.
 */
final class BatchedTtyStream extends ArrayTerminalDataStream {

    static final int BATCH = 64 * 1024;

    private final TtyConnector connector;
    private final Runnable beforeBlockingWait;

    /** @param beforeBlockingWait run when no output is ready and the read will wait (type-ahead's cue) */
    BatchedTtyStream(TtyConnector connector, Runnable beforeBlockingWait) {
        super(new char[BATCH], 0, 0);
        this.connector = connector;
        this.beforeBlockingWait = beforeBlockingWait;
    }

    private void fill() throws IOException {
        if (myBuf.length < BATCH) {
            myBuf = new char[BATCH]; // pushChar may have replaced it by a smaller one
        }
        myOffset = 0;
        if (!connector.ready()) {
            beforeBlockingWait.run();
        }
        int n = connector.read(myBuf, 0, myBuf.length);
        myLength = Math.max(n, 0);
        if (n <= 0) {
            throw new EOF();
        }
    }

    @Override
    public char getChar() throws IOException {
        if (myLength == 0) {
            fill();
        }
        return super.getChar();
    }

    @Override
    public String readNonControlCharacters(int maxChars) throws IOException {
        if (myLength == 0) {
            fill();
        }
        return super.readNonControlCharacters(maxChars);
    }
}
