package dev.belay.ssh.exec;

/**
 * Receives remote output line by line as it arrives. Called from a reader thread per stream:
 * implementations must be thread-safe and quick (hand off to a queue for anything slow).
 */
@FunctionalInterface
public interface OutputListener {
    void onLine(String host, StreamKind stream, String line);

    OutputListener NONE = (host, stream, line) -> { };
}
