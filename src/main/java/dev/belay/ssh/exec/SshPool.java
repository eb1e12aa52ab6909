package dev.belay.ssh.exec;

import dev.belay.ssh.SshException;
import dev.belay.ssh.auth.SshTarget;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One live connection per target, shared by execs and shells, and one per jump host, shared by every
 * target behind it (see {@link JumpHosts}). A dropped connection is replaced on
 * the next request; a command whose connection dropped is never re-run automatically (it may have
 * had effects): its outcome is {@link ExecOutcome.ConnectionLost}.
 */
public final class SshPool implements AutoCloseable {
    private final SshConnector connector;
    private final Map<String, SshConnection> live = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final JumpHosts jumpHosts = new JumpHosts();
    private volatile boolean closed;

    public SshPool(SshConnector connector) {
        this.connector = connector;
    }

    public SshPool(SshSettings settings) {
        this(new SshConnector(settings));
    }

    /** The live connection to {@code target}, connecting (or reconnecting) when there is none. */
    public SshConnection connection(SshTarget target) throws SshException {
        if (closed) {
            throw new IllegalStateException("SSH pool is closed");
        }
        String key = target.key();
        SshConnection current = live.get(key);
        if (current != null && current.isAlive()) {
            return current;
        }
        // Per-target lock: two workers asking for one host share one login, other hosts proceed.
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            current = live.get(key);
            if (current != null && current.isAlive()) {
                return current;
            }
            if (current != null) {
                current.close();
            }
            SshConnection fresh = connector.connect(target, jumpHosts);
            live.put(key, fresh);
            // The login may have taken seconds (a host-key question, a slow host): if close() ran
            // meanwhile, it may have missed this connection, so it is closed here, not handed out.
            // put-then-check here and set-then-scan in close() mean at least one of them sees it.
            if (closed) {
                live.remove(key, fresh);
                fresh.close();
                throw new IllegalStateException("SSH pool closed while logging in to " + target);
            }
            return fresh;
        }
    }

    /** Runs {@code command} on {@code target}; connection failures become {@link ExecOutcome.Failed}. */
    public ExecResult exec(SshTarget target, String command, Duration timeout, OutputListener listener)
            throws InterruptedException {
        SshConnection connection;
        try {
            connection = connection(target);
        } catch (SshException e) {
            CapturedOutput none = new CapturedOutput(new byte[0], new byte[0], 0);
            return new ExecResult(target.name(), command, new ExecOutcome.Failed(e.getMessage()), none, none,
                    Duration.ZERO);
        }
        return connection.exec(command, timeout, listener);
    }

    public PtyShell openShell(SshTarget target, int cols, int rows) throws IOException {
        return connection(target).openShell(cols, rows);
    }

    /** Closes the connection to {@code target}, if any (e.g. before a planned reboot). */
    public void disconnect(SshTarget target) {
        SshConnection c = live.remove(target.key());
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        List<SshConnection> all = new ArrayList<>(live.values());
        live.clear();
        all.forEach(SshConnection::close);
        jumpHosts.close();
    }
}
