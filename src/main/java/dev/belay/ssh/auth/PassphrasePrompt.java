package dev.belay.ssh.auth;

import java.nio.file.Path;

/** Asks the user for the passphrase of an encrypted private key; {@code null} skips that key. */
@FunctionalInterface
public interface PassphrasePrompt {
    char[] passphrase(Path keyFile);

    /** The passphrase last given for {@code keyFile} did not decrypt it (a remembering prompt forgets it). */
    default void rejected(Path keyFile) {
    }

    /** For sessions without a user at hand: every encrypted key is skipped. */
    PassphrasePrompt NONE = keyFile -> null;
}
