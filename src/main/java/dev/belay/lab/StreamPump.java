package dev.belay.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies one stream into another on its own daemon thread, flushing after every read so that
 * interactive output reaches the SSH channel at once instead of when a buffer fills.
 */
final class StreamPump {

    private final Thread thread;

    private StreamPump(Thread thread) {
        this.thread = thread;
    }

    /**
     * Starts copying; when {@code from} ends, {@code to} is closed if {@code closeTarget} is set
     * (a process's stdin must see EOF, while an SSH channel stream is closed by MINA itself).
     */
    static StreamPump start(String name, InputStream from, OutputStream to, boolean closeTarget) {
        Thread t = new Thread(() -> copy(from, to, closeTarget), name);
        t.setDaemon(true);
        t.start();
        return new StreamPump(t);
    }

    /** Waits a bounded time for the copy to finish, so that output is sent before the exit status. */
    void awaitDone(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(InputStream from, OutputStream to, boolean closeTarget) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = from.read(buf)) >= 0; ) {
                if (n > 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            // The other side went away (channel closed, process gone): nothing left to copy.
        } finally {
            if (closeTarget) {
                closeQuietly(to);
            }
        }
    }

    private static void closeQuietly(OutputStream s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed by the process exiting.
        }
    }
}
