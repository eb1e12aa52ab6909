package dev.belay.engine;

import dev.belay.ssh.exec.ExecResult;
import dev.belay.inventory.Host;
import java.time.Duration;

/**
 * How the engine reaches hosts: the engine owns this port so it can be driven over any real
 * transport (SSH in production and in tests against the practice lab).
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs {@code command} on {@code host}, streaming each output line to {@code lines}, and blocks
     * until it exits, times out, is cancelled through {@code cancel}, or the connection drops.
     * Never throws for a remote failure: the outcome says what happened.
     */
    ExecResult exec(Host host, String command, Duration timeout, LineListener lines, CancelToken cancel);

    @Override
    default void close() {
    }

    /** Receives output lines as they arrive, on the transport's thread; must not block. */
    @FunctionalInterface
    interface LineListener {
        void line(String text, boolean stderr);
    }
}
