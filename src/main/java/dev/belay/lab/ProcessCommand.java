package dev.belay.lab;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * What the exec and shell commands share: the channel's streams and exit callback, and the
 * rule that closing the channel kills the whole process tree, so nothing outlives its session.
 */
abstract class ProcessCommand implements Command {

    /** How long to let output drain after the process exits before reporting the exit status. */
    static final long DRAIN_MILLIS = 5_000;

    protected final LabHost host;
    protected final Path labBin;
    protected InputStream in;
    protected OutputStream out;
    protected OutputStream err;
    protected ExitCallback exit;
    private volatile Process process;

    ProcessCommand(LabHost host, Path labBin) {
        this.host = host;
        this.labBin = labBin;
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

    /** Remembers the process and reports its exit status once its output pumps are done. */
    protected final void watch(Process p, String name, StreamPump... outputs) {
        this.process = p;
        Thread waiter = new Thread(() -> {
            int code = waitFor(p);
            for (StreamPump pump : outputs) {
                pump.awaitDone(DRAIN_MILLIS);
            }
            exit.onExit(code);
        }, name + "-wait");
        waiter.setDaemon(true);
        waiter.start();
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

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            // By pid, not p.descendants(): pty4j's process doesn't support toHandle().
            ProcessHandle.of(p.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
            p.destroyForcibly();
        }
    }
}
