package dev.belay.ssh;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A command started on a host: {@link #await()} its result, or {@link #cancel()} it from any thread. */
public final class RunningExec {
    private static final Logger LOG = LoggerFactory.getLogger(RunningExec.class);
    /** Readers block on the network, so they get their own daemon threads, not a caller's pool. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssh-output");
        t.setDaemon(true);
        return t;
    });
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofMillis(500);

    private final SSHClient client;
    private final Session session;
    private final Session.Command command;
    private final String host;
    private final String commandLine;
    private final Duration timeout;
    private final LinePump out;
    private final LinePump err;
    private final CountDownLatch pumpsDone = new CountDownLatch(2);
    /** Opens when both streams ended or on cancel: whichever comes first decides {@link #await()}. */
    private final CountDownLatch settled = new CountDownLatch(1);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final long startNanos = System.nanoTime();

    RunningExec(SSHClient client, Session session, Session.Command command, String host, String commandLine,
                Duration timeout, OutputListener listener) {
        this.client = client;
        this.session = session;
        this.command = command;
        this.host = host;
        this.commandLine = commandLine;
        this.timeout = timeout;
        this.out = new LinePump(command.getInputStream(), host, StreamKind.STDOUT, listener);
        this.err = new LinePump(command.getErrorStream(), host, StreamKind.STDERR, listener);
        READERS.execute(() -> runThenCount(out));
        READERS.execute(() -> runThenCount(err));
    }

    private void runThenCount(Runnable pump) {
        try {
            pump.run();
        } finally {
            pumpsDone.countDown();
            if (pumpsDone.getCount() == 0) {
                settled.countDown();
            }
        }
    }

    /** Signals the remote process and closes its channel; {@link #await()} then returns Cancelled. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            terminate();
            settled.countDown();
        }
    }

    /** Blocks until the command ends, times out, is cancelled or loses its connection. */
    public ExecResult await() throws InterruptedException {
        boolean ended = settled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        ExecOutcome outcome;
        if (cancelled.get()) {
            outcome = new ExecOutcome.Cancelled();
        } else if (!ended) {
            terminate();
            outcome = new ExecOutcome.TimedOut(timeout);
        } else {
            outcome = endedOutcome();
            closeInBackground();
        }
        // Output that arrived before the verdict belongs to it; give the readers a moment to drain it.
        pumpsDone.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return new ExecResult(host, commandLine, outcome, out.captured(), err.captured(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Both streams reached their end: the exit status decides, if one arrived. */
    private ExecOutcome endedOutcome() {
        try {
            command.join(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // A dropped transport or a peer that never closes: decided below from what did arrive.
            LOG.debug("join on {} ended with {}", host, e.toString());
        }
        Integer status = command.getExitStatus();
        if (status != null) {
            return new ExecOutcome.Exited(status);
        }
        java.io.IOException broken = out.failure() != null ? out.failure() : err.failure();
        if (broken != null || !client.isConnected()) {
            String reason = broken != null ? broken.getMessage() : "transport closed";
            return new ExecOutcome.ConnectionLost("connection to " + host + " lost before an exit status arrived ("
                    + reason + ")");
        }
        if (command.getExitSignal() != null) {
            return new ExecOutcome.Failed("killed by signal " + command.getExitSignal());
        }
        return new ExecOutcome.Failed("channel closed by " + host + " without an exit status");
    }

    /**
     * Signals the remote process, then closes the channel without waiting: OpenSSH answers a close
     * only once the process has exited, and refuses signals on some logins (e.g. root), so waiting
     * could take as long as the command we are stopping. Later output is no longer delivered.
     */
    private void terminate() {
        out.mute();
        err.mute();
        try {
            command.signal(Signal.KILL);
        } catch (Exception e) {
            LOG.debug("could not signal the command on {}: {}", host, e.toString());
        }
        closeInBackground();
    }

    private void closeInBackground() {
        READERS.execute(this::closeQuietly);
    }

    private void closeQuietly() {
        try {
            command.close();
        } catch (Exception e) {
            LOG.debug("closing channel on {}: {}", host, e.toString());
        }
        try {
            session.close();
        } catch (Exception e) {
            LOG.debug("closing session on {}: {}", host, e.toString());
        }
    }
}
