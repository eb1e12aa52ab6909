package dev.belay.ssh.exec;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * The remote stderr with {@link RemoteWrapper}'s marker ({@code <token><digits>\n}) cut out, byte
 * for byte, wherever it appears (a login profile may print before it, even without a newline);
 * the pid it carries completes {@link #pid()}. Bytes that only looked like the start of the marker
 * are passed on unchanged. After the marker, or at the end of the stream, it is a plain pass-through.
 */
final class PidMarkerStream extends InputStream {
    private static final int MAX_DIGITS = 18;

    private final InputStream in;
    private final byte[] token;
    private final CompletableFuture<Long> pid = new CompletableFuture<>();
    private final byte[] raw = new byte[32 * 1024];
    private final byte[] single = new byte[1];
    private byte[] pending = new byte[1024];
    private int pendingStart;
    private int pendingEnd;
    /** Bytes of token matched so far, then digits read; all held back until the marker is decided. */
    private final byte[] held;
    private int heldLength;
    private boolean found;

    PidMarkerStream(InputStream in, byte[] token) {
        this.in = in;
        this.token = token.clone();
        this.held = new byte[token.length + MAX_DIGITS];
    }

    /** Completes with the wrapper's pid; completes exceptionally if the stream ends without one. */
    CompletableFuture<Long> pid() {
        return pid;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pendingStart == pendingEnd) {
            if (found) {
                return in.read(b, off, len);
            }
            int n;
            try {
                n = in.read(raw, 0, raw.length);
            } catch (IOException | RuntimeException e) {
                pid.completeExceptionally(e);
                throw e;
            }
            if (n < 0) {
                endOfStream();
                if (pendingStart == pendingEnd) {
                    return -1;
                }
                break;
            }
            scan(n);
        }
        int n = Math.min(len, pendingEnd - pendingStart);
        System.arraycopy(pending, pendingStart, b, off, n);
        pendingStart += n;
        return n;
    }

    private void scan(int n) {
        for (int i = 0; i < n; i++) {
            if (found) {
                emit(raw, i, n - i);
                return;
            }
            accept(raw[i]);
        }
    }

    private void accept(byte c) {
        if (heldLength < token.length) {
            if (c == token[heldLength]) {
                held[heldLength++] = c;
                return;
            }
            releaseHeld();
            if (c == token[0]) { // the token's first byte occurs nowhere else in it: a fresh start
                held[heldLength++] = c;
            } else {
                emitByte(c);
            }
        } else if (c >= '0' && c <= '9' && heldLength < held.length) {
            held[heldLength++] = c;
        } else if (c == '\n' && heldLength > token.length) {
            found = true;
            pid.complete(Long.parseLong(new String(held, token.length, heldLength - token.length,
                    java.nio.charset.StandardCharsets.US_ASCII)));
            heldLength = 0;
        } else {
            releaseHeld();
            emitByte(c);
        }
    }

    private void endOfStream() {
        releaseHeld();
        found = true;
        pid.completeExceptionally(new IOException("the stream ended before the command reported its pid"));
    }

    private void releaseHeld() {
        emit(held, 0, heldLength);
        heldLength = 0;
    }

    private void emitByte(byte c) {
        single[0] = c;
        emit(single, 0, 1);
    }

    private void emit(byte[] src, int off, int n) {
        if (pendingEnd + n > pending.length) {
            int live = pendingEnd - pendingStart;
            byte[] grown = live + n > pending.length ? new byte[Math.max(pending.length * 2, live + n)] : pending;
            System.arraycopy(pending, pendingStart, grown, 0, live);
            pending = grown;
            pendingStart = 0;
            pendingEnd = live;
        }
        System.arraycopy(src, off, pending, pendingEnd, n);
        pendingEnd += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

}
