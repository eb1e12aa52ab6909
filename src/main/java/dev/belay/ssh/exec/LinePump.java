package dev.belay.ssh.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one remote stream to its end, handing each line to the listener as soon as it is complete
 * and keeping a bounded head+tail capture. A line longer than {@link #MAX_LINE} is delivered in
 * pieces, so one endless line cannot exhaust memory.
 */
final class LinePump implements Runnable {
    static final int MAX_LINE = 16 * 1024;
    static final int CAPTURE_HEAD = 64 * 1024;
    static final int CAPTURE_TAIL = 64 * 1024;

    private final InputStream in;
    private final String host;
    private final StreamKind kind;
    private final OutputListener listener;
    private final BoundedCapture capture = new BoundedCapture(CAPTURE_HEAD, CAPTURE_TAIL);
    private byte[] line = new byte[256];
    private int lineLength;
    private volatile IOException failure;
    private volatile boolean muted;

    LinePump(InputStream in, String host, StreamKind kind, OutputListener listener) {
        this.in = in;
        this.host = host;
        this.kind = kind;
        this.listener = listener;
    }

    @Override
    public void run() {
        byte[] buf = new byte[32 * 1024];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                if (muted) {
                    continue; // keep draining: stderr must still yield the wrapper's pid to the stopper
                }
                capture.write(buf, 0, n);
                split(buf, n);
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException("reading " + kind + " failed: " + e, e);
        } finally {
            if (lineLength > 0 && !muted) {
                emit();
            }
        }
    }

    private void split(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (b == '\n') {
                emit();
            } else {
                append(b);
                if (lineLength >= MAX_LINE) {
                    emit();
                }
            }
        }
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
        }
        line[lineLength++] = b;
    }

    private void emit() {
        if (muted) {
            lineLength = 0;
            return;
        }
        int len = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        try {
            listener.onLine(host, kind, new String(line, 0, len, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // A faulty listener must not stall the channel: the remote would block on a full window.
            org.slf4j.LoggerFactory.getLogger(LinePump.class).warn("Output listener failed: {}", e.toString());
        }
    }

    /** Stops delivering and capturing (reading goes on): the outcome was decided before the end. */
    void mute() {
        muted = true;
    }

    IOException failure() {
        return failure;
    }

    CapturedOutput captured() {
        return capture.snapshot();
    }
}
