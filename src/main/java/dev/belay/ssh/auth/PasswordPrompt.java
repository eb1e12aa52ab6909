package dev.belay.ssh.auth;

/** Asks the user for a login password; returns {@code null} when the user declines. */
@FunctionalInterface
public interface PasswordPrompt {
    char[] password(String user, String host);
}
