package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.ArrayTerminalDataStream;
import com.techsenger.jeditermfx.core.TtyConnector;
import java.io.IOException;
import java.util.Arrays;

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

    /**
     * As the library's: the characters up to the first control character, at most {@code maxChars}.
     * A run of printable ASCII (what floods are made of) is also kept as a char array, which
     * {@link BelayTerminal} takes instead of scanning the string again and copying it back out of
     * its one-byte form ({@link #takePrintable}); a tenth of the emulator under base64.
     */
    @Override
    public String readNonControlCharacters(int maxChars) throws IOException {
        if (myLength == 0) {
            fill();
        }
        int end = myOffset + Math.min(maxChars, myLength);
        int i = myOffset;
        boolean printable = true;
        for (; i < end; i++) {
            char c = myBuf[i];
            if (c < 0x20) {
                break; // a control character ends the run, as in the library
            }
            printable &= c <= 0x7e;
        }
        char[] run = Arrays.copyOfRange(myBuf, myOffset, i);
        String text = new String(run);
        myLength -= run.length;
        myOffset = i;
        lastPrintable = printable ? text : null;
        lastPrintableChars = printable ? run : null;
        return text;
    }

    private String lastPrintable;
    private char[] lastPrintableChars;

    /**
     * The chars of {@code text} if it is the run of printable ASCII this stream returned last (an
     * array of its own, handed over once), else null. The emulator's thread reads and writes.
     */
    char[] takePrintable(String text) {
        if (text == null || text != lastPrintable) {
            return null;
        }
        char[] chars = lastPrintableChars;
        lastPrintable = null;
        lastPrintableChars = null;
        return chars;
    }
}
