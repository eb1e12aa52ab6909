package dev.belay.cli;

import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.auth.PassphraseUnavailable;
import java.io.Console;
import java.nio.file.Path;

/**
 * Asks a key's passphrase on the terminal, without echo, as OpenSSH does. Without a terminal (output
 * piped, run from cron or CI) it cannot ask: the key is skipped and the login error says to load the
 * key into ssh-agent instead. Wrapped in {@code RunPassphrases}, so each key is asked once per run.
 */
final class ConsolePassphrases implements PassphrasePrompt {

    /** Where the typed secret comes from: the real console, or a test's. */
    interface SecretReader {
        boolean available();

        /** The line typed without echo, or null at end of input. */
        char[] read(String prompt);

        SecretReader CONSOLE = new SecretReader() {
            @Override
            public boolean available() {
                return System.console() != null;
            }

            @Override
            public char[] read(String prompt) {
                Console console = System.console();
                return console == null ? null : console.readPassword("%s", prompt);
            }
        };
    }

    private final SecretReader reader;

    ConsolePassphrases(SecretReader reader) {
        this.reader = reader;
    }

    @Override
    public char[] passphrase(Path keyFile) {
        if (!reader.available()) {
            throw new PassphraseUnavailable("encrypted, and there is no terminal to ask its passphrase on."
                    + " Load it into your ssh-agent first (ssh-add " + keyFile + "); Belay logs in through"
                    + " SSH_AUTH_SOCK");
        }
        char[] typed = reader.read("Enter passphrase for key '" + keyFile + "': ");
        // An empty answer skips the key, as with ssh.
        return typed == null || typed.length == 0 ? null : typed;
    }
}
