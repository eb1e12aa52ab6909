package dev.belay.ssh.auth;

import dev.belay.ssh.SshException;

/** No authentication method succeeded, or a key could not be decrypted. */
public final class AuthFailed extends SshException {
    public AuthFailed(String message) {
        super(message);
    }
}
