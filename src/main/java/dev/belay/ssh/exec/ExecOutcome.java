package dev.belay.ssh.exec;

import java.time.Duration;

/** How a remote command ended. Only {@link Exited} carries an exit status, because only it received one. */
public sealed interface ExecOutcome {

    /** The outcome as events and reports write it: exited, timed-out, cancelled, connection-lost, failed. */
    default String label() {
        if (this instanceof Exited) {
            return "exited";
        } else if (this instanceof TimedOut) {
            return "timed-out";
        } else if (this instanceof Cancelled) {
            return "cancelled";
        }
        return this instanceof ConnectionLost ? "connection-lost" : "failed";
    }

    /** The host reported this exit status. */
    record Exited(int code) implements ExecOutcome { }

    /** The command ran past its timeout; its remote process group was stopped and its channel closed. */
    record TimedOut(Duration timeout) implements ExecOutcome { }

    /** The user cancelled; the remote process group was stopped and its channel closed. */
    record Cancelled() implements ExecOutcome { }

    /** The connection dropped before an exit status arrived: the command's fate is unknown. */
    record ConnectionLost(String reason) implements ExecOutcome { }

    /** The command could not be started, or ended without a status (e.g. killed by a signal). */
    record Failed(String reason) implements ExecOutcome { }
}
