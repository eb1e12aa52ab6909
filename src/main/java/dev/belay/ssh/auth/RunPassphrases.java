package dev.belay.ssh.auth;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Asks once per key file for the whole run, however many hosts log in with it (and at most one
 * question at a time, though 32 hosts connect at once). Passphrases live in this object's memory only:
 * never written, never logged; {@link #close()} (at the end of the run) overwrites them. A passphrase
 * that failed to decrypt is forgotten, so the next login asks again. The keys decrypted with them are
 * kept here too ({@link #decrypted()}), so each key file is decrypted once per run, not once per host.
 */
public final class RunPassphrases implements PassphrasePrompt, AutoCloseable {
    private final PassphrasePrompt ask;
    private final Map<Path, char[]> given = new HashMap<>();
    private final DecryptedKeys keys = new DecryptedKeys();

    public RunPassphrases(PassphrasePrompt ask) {
        this.ask = ask;
    }

    @Override
    public synchronized char[] passphrase(Path keyFile) {
        char[] known = given.get(keyFile);
        if (known != null) {
            return known.clone();
        }
        char[] answer = ask.passphrase(keyFile);
        if (answer != null) {
            given.put(keyFile, answer.clone());
        }
        return answer;
    }

    @Override
    public synchronized void rejected(Path keyFile) {
        char[] wrong = given.remove(keyFile);
        if (wrong != null) {
            Arrays.fill(wrong, '\0');
        }
    }

    @Override
    public DecryptedKeys decrypted() {
        return keys;
    }

    @Override
    public synchronized void close() {
        given.values().forEach(p -> Arrays.fill(p, '\0'));
        given.clear();
        keys.close();
    }
}
