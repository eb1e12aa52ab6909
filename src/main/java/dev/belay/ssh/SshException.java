package dev.belay.ssh;

import java.io.IOException;

/** A failure to reach or log in to a host, with a message meant for the user. */
public class SshException extends IOException {
    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The host key was refused: changed, or unknown and rejected. */
    public static final class HostKeyRefused extends SshException {
        private final HostKeyDecision decision;

        public HostKeyRefused(String message, HostKeyDecision decision) {
            super(message);
            this.decision = decision;
        }

        public HostKeyDecision decision() {
            return decision;
        }
    }

    /** No authentication method succeeded, or a key could not be decrypted. */
    public static final class AuthFailed extends SshException {
        public AuthFailed(String message) {
            super(message);
        }
    }
}
