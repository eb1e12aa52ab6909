package dev.belay.ssh.trust;

import java.nio.file.Path;

/** Every host-key verdict, so the audit log can record who trusted what and why. */
public sealed interface HostKeyDecision {
    String host();

    String keyType();

    String fingerprint();

    /** The key matched an entry of {@code file}. */
    record Known(String host, String keyType, String fingerprint, Path file) implements HostKeyDecision { }

    /** Unknown key accepted by the user for this connection only. */
    record AcceptedOnce(String host, String keyType, String fingerprint) implements HostKeyDecision { }

    /** Unknown key accepted by the user and appended to {@code file}. */
    record Remembered(String host, String keyType, String fingerprint, Path file) implements HostKeyDecision { }

    /** Unknown key the user refused. */
    record Rejected(String host, String keyType, String fingerprint) implements HostKeyDecision { }

    /** The key differs from the one at {@code file}:{@code line}; always refused. */
    record Changed(String host, String keyType, String fingerprint, String knownFingerprint, Path file, int line)
            implements HostKeyDecision { }
}
