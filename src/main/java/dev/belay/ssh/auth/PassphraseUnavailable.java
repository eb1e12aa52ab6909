package dev.belay.ssh.auth;

/**
 * Thrown by a {@link dev.belay.ssh.auth.PassphrasePrompt} that has no way to ask (no console, no window):
 * the key is skipped, and the login error carries this message, which says what to do instead.
 */
public final class PassphraseUnavailable extends RuntimeException {
    public PassphraseUnavailable(String message) {
        super(message);
    }
}
