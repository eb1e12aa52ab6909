package dev.belay.ssh.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * An interactive shell on a pseudo-terminal ({@code xterm-256color}): what the terminal widget's
 * TtyConnector wraps. A shell has no exit status in sshj; {@link #close()} is idempotent.
 */
public final class PtyShell implements AutoCloseable {
    public static final String TERM = "xterm-256color";

    private final String host;
    private final Session session;
    private final Session.Shell shell;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Held while a resize is sent and while {@link #closed} is set: no request goes out after CHANNEL_CLOSE. */
    private final Object closeLock = new Object();

    private PtyShell(String host, Session session, Session.Shell shell) {
        this.host = host;
        this.session = session;
        this.shell = shell;
    }

    static PtyShell open(SSHClient client, String host, int cols, int rows) throws IOException {
        Session session = client.startSession();
        try {
            session.allocatePTY(TERM, cols, rows, 0, 0, Map.of());
            return new PtyShell(host, session, session.startShell());
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    public String host() {
        return host;
    }

    /** What the remote terminal prints (stdout and stderr are merged by the PTY). */
    public InputStream input() {
        return shell.getInputStream();
    }

    public OutputStream output() {
        return shell.getOutputStream();
    }

    public void write(byte[] bytes) throws IOException {
        OutputStream out = shell.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Tells the remote PTY its new size, unless the shell is closed or ending ({@link ChannelRequests}):
     * the widget resizes a closing tab after its shell is closed. The lock orders this request before
     * {@link #close()}'s CHANNEL_CLOSE.
     */
    public void resize(int cols, int rows) throws IOException {
        synchronized (closeLock) {
            if (closed.get() || !ChannelRequests.open(session)) {
                return;
            }
            shell.changeWindowDimensions(cols, rows, 0, 0);
        }
    }

    public boolean isOpen() {
        return !closed.get() && shell.isOpen();
    }

    /** Waits until the remote side ends the shell (e.g. after {@code exit}); false on timeout. */
    public boolean awaitClosed(long timeout, TimeUnit unit) {
        try {
            shell.join(timeout, unit);
            return true;
        } catch (Exception e) {
            return !shell.isOpen();
        }
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        try {
            shell.close();
        } catch (Exception ignored) {
            // Already gone with its connection: nothing left to release remotely.
        }
        try {
            session.close();
        } catch (Exception ignored) {
            // Same channel as the shell; closing twice is harmless.
        }
    }
}
