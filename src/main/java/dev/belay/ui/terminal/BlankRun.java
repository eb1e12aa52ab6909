package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.util.CharUtils;
import java.util.Arrays;
import java.util.Iterator;

/**
 * A run of NUL characters (the blank rest of a line, as JediTermFX's filler entries are) that reads
 * from one array shared by all runs instead of an array of its own, filled per line: under a flood
 * of short lines that allocation and fill was a tenth of the emulator thread. JediTermFX changes a
 * NUL run in place once ({@link CharBuffer#unNullify}, when text is put after it), so a run gets
 * an array of its own at that moment, and the shared one is never written. Every method of
 * {@code CharBuffer} that reads its (private) array is overridden to read the run's current one.
 */
final class BlankRun extends CharBuffer {

    private static volatile char[] nuls = new char[256];

    /** The run's own chars once it was changed in place, else null (it reads the shared NULs). */
    private char[] own;

    private BlankRun(char[] shared, int length) {
        super(shared, 0, length);
    }

    /** {@code length} NUL characters. */
    static BlankRun of(int length) {
        char[] shared = nuls;
        if (shared.length < length) {
            shared = new char[Math.max(length, shared.length * 2)]; // all NUL: Java zeroes new arrays
            nuls = shared;
        }
        return new BlankRun(shared, length);
    }

    private char[] current() {
        char[] o = own;
        return o != null ? o : super.getBuf();
    }

    @Override
    public char[] getBuf() {
        return current();
    }

    @Override
    public int getStart() {
        return 0;
    }

    @Override
    public boolean isNul() {
        return length() > 0 && current()[0] == CharUtils.NUL_CHAR;
    }

    @Override
    public void unNullify() {
        char[] spaces = new char[length()];
        Arrays.fill(spaces, CharUtils.EMPTY_CHAR);
        own = spaces;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length()) {
            throw new IndexOutOfBoundsException(index);
        }
        return current()[index];
    }

    @Override
    public CharBuffer subBuffer(int start, int length) {
        char[] o = own;
        return o != null ? new CharBuffer(o, start, length) : BlankRun.of(checkRange(start, length));
    }

    @Override
    public CharBuffer subBuffer(kotlin.Pair<Integer, Integer> range) {
        return subBuffer(range.getFirst(), range.getSecond() - range.getFirst());
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return subBuffer(start, end - start);
    }

    @Override
    public String toString() {
        return new String(current(), 0, length());
    }

    @Override
    public CharBuffer clone() {
        return new CharBuffer(Arrays.copyOf(current(), length()), 0, length());
    }

    @Override
    public Iterator<Character> iterator() {
        return new CharBuffer(current(), 0, length()).iterator();
    }

    private int checkRange(int start, int length) {
        if (start < 0 || length < 0 || start + length > length()) {
            throw new IllegalArgumentException(String.format("Out of bounds %d+%d>%d", start, length, length()));
        }
        return length;
    }
}
