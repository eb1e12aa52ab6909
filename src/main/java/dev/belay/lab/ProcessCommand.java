package dev.belay.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the exec and shell commands share: the channel's streams and exit callback, the start on a
 * thread of its own (a {@code slow@H} host makes it wait, which must not hold up MINA's threads), the
 * {@code connection-drop@H} fault, and the rule that closing the channel kills the whole process
 * tree, so nothing outlives its session.
 */
abstract class ProcessCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCommand.class);
    /** How long to let output drain after the process exits before reporting the exit status. */
    static final long DRAIN_MILLIS = 5_000;

    protected final LabHost host;
    protected final HostRuntime runtime;
    protected InputStream in;
    protected OutputStream out;
    protected OutputStream err;
    protected ExitCallback exit;
    private volatile Process process;
    private volatile Thread starter;
    private volatile boolean destroyed;
    private volatile ServerSession session;

    ProcessCommand(LabHost host, HostRuntime runtime) {
        this.host = host;
        this.runtime = runtime;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
        this.exit = exit;
    }

    @Override
    public final void start(ChannelSession channel, Environment env) {
        session = channel.getServerSession();
        Thread t = new Thread(() -> launch(channel, env), "lab-start-" + host.name());
        t.setDaemon(true);
        starter = t;
        t.start();
    }

    private void launch(ChannelSession channel, Environment env) {
        try {
            runtime.slowDown(host.name());
            if (destroyed) {
                return;
            }
            List<StreamPump> outputs = new ArrayList<>();
            Process p = startProcess(channel, env, outputs);
            process = p;
            if (destroyed) {
                destroy(channel);
                return;
            }
            if (runtime.dropsConnections(host.name())) {
                dropLater(p);
            }
            awaitExit(p, outputs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("lab: cannot start a command on {}: {}", host.name(), e.toString());
            writeQuietly("lab: cannot start the command on " + host.name() + ": " + e.getMessage() + "\n");
            exit.onExit(255);
        }
    }

    /** Starts the sandboxed process and its pumps, adding the output pumps to {@code outputs}. */
    protected abstract Process startProcess(ChannelSession channel, Environment env, List<StreamPump> outputs)
            throws IOException;

    /** {@code connection-drop@H}: the connection goes away mid-command, before any exit status. */
    private void dropLater(Process p) {
        Thread t = new Thread(() -> {
            try {
                long deadline = runtime.clock().realDuration(HostRuntime.DROP_AFTER).toMillis();
                p.waitFor(deadline, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drop();
        }, "lab-drop-" + host.name());
        t.setDaemon(true);
        t.start();
    }

    private void drop() {
        if (runtime.dropsConnections(host.name()) && session != null) {
            LOG.info("lab: connection-drop@{}: dropping the SSH connection mid-command", host.name());
            session.close(true);
        }
    }

    /**
     * Reports the process's exit status once its output pumps are done (unless the connection
     * drops first). Runs on the thread that started the process: bubblewrap's --die-with-parent
     * kills the sandbox when the thread that forked it ends, so that thread must outlive it.
     */
    private void awaitExit(Process p, List<StreamPump> outputs) {
        int code = waitFor(p);
        for (StreamPump pump : outputs) {
            pump.awaitDone(DRAIN_MILLIS);
        }
        if (runtime.dropsConnections(host.name())) {
            drop();
            return;
        }
        exit.onExit(code);
    }

    private static int waitFor(Process p) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return 255;
        }
    }

    private void writeQuietly(String text) {
        try {
            err.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException ignored) {
            // the channel is gone already
        }
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
        Thread t = starter;
        if (t != null) {
            t.interrupt();
        }
        Process p = process;
        if (p != null && p.isAlive()) {
            // By pid, not p.descendants(): pty4j's process doesn't support toHandle().
            ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
            p.destroyForcibly();
        }
    }
}
