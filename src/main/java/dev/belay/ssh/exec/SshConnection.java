package dev.belay.ssh.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One authenticated connection to a host (through its jump hosts, if any), shared by execs and shells.
 * Once dropped it stays dead: {@link SshPool} opens a fresh one on the next request.
 */
public final class SshConnection implements AutoCloseable {
    private final String host;
    private final List<SSHClient> hops;
    private final SSHClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code hops} in connection order; the last one is the target itself. */
    SshConnection(String host, List<SSHClient> hops) {
        this.host = host;
        this.hops = List.copyOf(hops);
        this.client = hops.get(hops.size() - 1);
    }

    /** The target's name, as given in its {@link SshTarget}. */
    public String host() {
        return host;
    }

    public boolean isAlive() {
        return !closed.get() && client.isConnected() && client.isAuthenticated();
    }

    /**
     * Starts {@code command} (run by the remote user's login shell, which must be POSIX-family);
     * output streams to {@code listener}. Cancel and timeout stop its whole remote process group.
     */
    public RunningExec start(String command, Duration timeout, OutputListener listener) throws IOException {
        RemoteWrapper wrapper = RemoteWrapper.around(command);
        Session session = client.startSession();
        try {
            return new RunningExec(client, session, session.exec(wrapper.remoteCommand()), wrapper, host, command,
                    timeout, listener);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Runs {@code command} to its end; never throws for remote trouble, which is in the outcome. */
    public ExecResult exec(String command, Duration timeout, OutputListener listener) throws InterruptedException {
        RunningExec running;
        try {
            running = start(command, timeout, listener);
        } catch (IOException | RuntimeException e) {
            ExecOutcome outcome = isAlive()
                    ? new ExecOutcome.Failed("could not start the command on " + host + ": " + e.getMessage())
                    : new ExecOutcome.ConnectionLost("connection to " + host + " is down: " + e.getMessage());
            CapturedOutput none = new CapturedOutput(new byte[0], new byte[0], 0);
            return new ExecResult(host, command, outcome, none, none, Duration.ZERO);
        }
        return running.await();
    }

    /** Opens an interactive shell on an {@code xterm-256color} pseudo-terminal of the given size. */
    public PtyShell openShell(int cols, int rows) throws IOException {
        return PtyShell.open(client, host, cols, rows);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            try {
                hops.get(i).disconnect();
            } catch (IOException | RuntimeException ignored) {
                // Closing a dead transport can fail; the sockets are released either way.
            }
        }
    }
}
