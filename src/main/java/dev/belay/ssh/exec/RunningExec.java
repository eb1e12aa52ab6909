package dev.belay.ssh.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command started on a host: {@link #await()} its result, or {@link #cancel()} it from any thread.
 * Cancel and timeout stop the command's whole remote process group (see {@link RemoteWrapper}).
 */
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
    /** How long a stop waits for the pid: the login shell may still be reading its profile. */
    private static final Duration PID_WAIT = Duration.ofSeconds(10);
    /** The stop script's TERM grace, its KILL wait and a login on top. */
    private static final Duration STOP_SCRIPT_WAIT = Duration.ofSeconds(RemoteWrapper.TERM_GRACE_SECONDS + 10);

    private final SSHClient client;
    private final Session session;
    private final Session.Command command;
    private final String host;
    private final String commandLine;
    private final Duration timeout;
    private final PidMarkerStream stderr;
    private final LinePump out;
    private final LinePump err;
    private final CountDownLatch pumpsDone = new CountDownLatch(2);
    /** Opens when both streams ended or on cancel: whichever comes first decides {@link #await()}. */
    private final CountDownLatch settled = new CountDownLatch(1);
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<CompletableFuture<Void>> stopping = new AtomicReference<>();
    private final long startNanos = System.nanoTime();

    RunningExec(SSHClient client, Session session, Session.Command command, RemoteWrapper wrapper, String host,
                String commandLine, Duration timeout, OutputListener listener) {
        this.client = client;
        this.session = session;
        this.command = command;
        this.host = host;
        this.commandLine = commandLine;
        this.timeout = timeout;
        this.stderr = new PidMarkerStream(command.getErrorStream(), wrapper.token());
        this.out = new LinePump(command.getInputStream(), host, StreamKind.STDOUT, listener);
        this.err = new LinePump(stderr, host, StreamKind.STDERR, listener);
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

    /** Starts stopping the remote command; {@link #await()} then returns Cancelled once it is stopped. */
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            terminate();
            settled.countDown();
        }
    }

    /**
     * Blocks until the command ends, times out, is cancelled or loses its connection. After a timeout
     * or cancel it also waits (bounded) for the remote process group to be stopped.
     */
    public ExecResult await() throws InterruptedException {
        boolean ended = settled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        ExecOutcome outcome;
        if (cancelled.get()) {
            outcome = new ExecOutcome.Cancelled();
            awaitStop(terminate());
        } else if (!ended) {
            outcome = new ExecOutcome.TimedOut(timeout);
            awaitStop(terminate());
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
        IOException broken = out.failure() != null ? out.failure() : err.failure();
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
     * Mutes the output, then (once, in the background) stops the remote process group and closes the
     * channel. Closing alone is not enough: OpenSSH lets a process whose channel closed run to its end.
     */
    private CompletableFuture<Void> terminate() {
        CompletableFuture<Void> fresh = new CompletableFuture<>();
        if (!stopping.compareAndSet(null, fresh)) {
            return stopping.get();
        }
        out.mute();
        err.mute();
        READERS.execute(() -> {
            try {
                stopRemote();
            } finally {
                closeQuietly();
                fresh.complete(null);
            }
        });
        return fresh;
    }

    private void awaitStop(CompletableFuture<Void> stop) throws InterruptedException {
        try {
            stop.get(PID_WAIT.plus(STOP_SCRIPT_WAIT).plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Stopping the command on {} is taking too long; it may still be running there", host);
        }
    }

    /**
     * Asks sshd to signal the process (OpenSSH refuses as root; it reaches only the login shell anyway),
     * then kills the wrapper's process group over a second channel on the same connection.
     */
    private void stopRemote() {
        if (pumpsDone.getCount() == 0) {
            return; // both streams ended: the command is already over
        }
        try {
            if (ChannelRequests.open(command)) { // the command may have ended while its output is still read
                command.signal(Signal.TERM);
            }
        } catch (Exception e) {
            LOG.debug("could not signal the command on {}: {}", host, e.toString());
        }
        long pid;
        try {
            pid = stderr.pid().get(PID_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The command on {} never reported its process id; it may still be running there", host);
            return;
        }
        if (!runStopScript(pid)) {
            LOG.warn("Could not confirm that the command on {} stopped (process group {}); check it there", host, pid);
        }
    }

    private boolean runStopScript(long pid) {
        try (Session stopper = client.startSession()) {
            Session.Command kill = stopper.exec(RemoteWrapper.stopScript(pid));
            kill.join(STOP_SCRIPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return Integer.valueOf(0).equals(kill.getExitStatus());
        } catch (IOException | RuntimeException e) {
            LOG.debug("stop script on {} failed: {}", host, e.toString());
            return false;
        }
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
