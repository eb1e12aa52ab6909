package dev.belay.ssh.auth;

import java.nio.file.Path;

/** Asks the user for the passphrase of an encrypted private key; {@code null} skips that key. */
@FunctionalInterface
public interface PassphrasePrompt {
    char[] passphrase(Path keyFile);

    /** The passphrase last given for {@code keyFile} did not decrypt it (a remembering prompt forgets it). */
    default void rejected(Path keyFile) {
    }

    /**
     * Where keys read with this prompt's passphrases are kept for the other logins of the same run
     * (each key file decrypted once per run); {@link DecryptedKeys#NONE} (every login reads its key)
     * unless the prompt lives exactly as long as a run, as {@link RunPassphrases} does.
     */
    default DecryptedKeys decrypted() {
        return DecryptedKeys.NONE;
    }

    /** For sessions without a user at hand: every encrypted key is skipped. */
    PassphrasePrompt NONE = keyFile -> null;
}
