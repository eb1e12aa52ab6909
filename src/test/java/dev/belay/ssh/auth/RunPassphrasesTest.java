package dev.belay.ssh.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RunPassphrasesTest {
    private final List<Path> asked = new CopyOnWriteArrayList<>();
    private final RunPassphrases passphrases = new RunPassphrases(file -> {
        asked.add(file);
        return ("pass-" + asked.size()).toCharArray();
    });
    private final Path key = Path.of("/keys/id_ed25519");

    @Test
    void asksOncePerKeyEvenWhenManyHostsLogInAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<char[]>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> passphrases.passphrase(key)));
            }
            for (Future<char[]> f : answers) {
                assertThat(f.get()).isEqualTo("pass-1".toCharArray());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(asked).containsExactly(key);
        passphrases.passphrase(Path.of("/keys/other"));
        assertThat(asked).hasSize(2);
    }

    @Test
    void aRejectedPassphraseIsAskedAgainAndCloseForgetsAll() {
        char[] first = passphrases.passphrase(key);
        passphrases.rejected(key);
        assertThat(passphrases.passphrase(key)).isEqualTo("pass-2".toCharArray());
        passphrases.close();
        assertThat(passphrases.passphrase(key)).isEqualTo("pass-3".toCharArray());
        assertThat(first).isEqualTo("pass-1".toCharArray()).as("the caller's copy is its own");
    }
}
