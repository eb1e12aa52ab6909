package dev.belay.ssh;

import java.io.IOException;

/**
 * A failure to reach or log in to a host, with a message meant for the user. The layers add their
 * own kinds: {@code ssh.trust.HostKeyRefused}, {@code ssh.auth.AuthFailed}.
 */
public class SshException extends IOException {
    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
