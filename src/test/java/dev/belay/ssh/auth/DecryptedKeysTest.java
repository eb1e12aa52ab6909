package dev.belay.ssh.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ssh.SshException;
import dev.belay.ssh.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's decrypted keys, on real encrypted OpenSSH keys (ssh-keygen, bcrypt KDF) read by sshj as
 * logins read them: one decryption for hosts logging in at once, a wrong passphrase not kept, a key
 * file changed on disk read again, no lock left behind for a key file no login is reading. Decryptions are counted as sshj's passphrase requests.
 */
class DecryptedKeysTest {

    @TempDir
    Path dir;
    Path key;
    SSHClient client;
    final AtomicInteger decryptions = new AtomicInteger();
    final DecryptedKeys keys = new DecryptedKeys();

    @BeforeEach
    void setUp() throws Exception {
        key = TestKeys.generate(dir, "id_ed25519", "ed25519", "right");
        client = new SSHClient();
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
    }

    private KeyFiles.Loaded login(String passphrase) throws Exception {
        return login(key, passphrase);
    }

    private KeyFiles.Loaded login(Path identity, String passphrase) throws Exception {
        return keys.load(identity, () -> KeyFiles.load(client, identity, true, file -> {
            decryptions.incrementAndGet();
            return passphrase.toCharArray();
        }));
    }

    @Test
    void hostsLoggingInAtOnceWaitForOneDecryption() throws Exception {
        int hosts = 32;
        ExecutorService pool = Executors.newFixedThreadPool(hosts);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<KeyProvider>> logins = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                logins.add(pool.submit(() -> {
                    go.await();
                    return login("right").key();
                }));
            }
            go.countDown();
            KeyProvider first = logins.get(0).get(60, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            for (Future<KeyProvider> f : logins) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(decryptions).hasValue(1);
        assertThat(keys.size()).isEqualTo(1);
        keys.close();
        assertThat(keys.size()).isZero();
        login("right");
        assertThat(decryptions).as("a closed run's keys are gone: read again").hasValue(2);
    }

    @Test
    void aWrongPassphraseIsNotKeptAndTheNextLoginDecryptsAgain() throws Exception {
        assertThatThrownBy(() -> login("wrong")).isInstanceOf(AuthFailed.class).hasMessageContaining("Wrong passphrase");
        assertThat(keys.size()).isZero();
        assertThat(login("right").key()).isNotNull();
        assertThat(login("right").key()).isNotNull();
        assertThat(decryptions).hasValue(2);
    }

    @Test
    void aKeyFileChangedDuringTheRunIsReadAgain() throws Exception {
        KeyProvider before = login("right").key();
        Files.setLastModifiedTime(key, FileTime.fromMillis(Files.getLastModifiedTime(key).toMillis() - 60_000));
        KeyProvider after = login("right").key();
        assertThat(after).isNotSameAs(before);
        assertThat(decryptions).hasValue(2);
        assertThat(login("right").key()).isSameAs(after);
        assertThat(decryptions).hasValue(2);
    }

    @Test
    void noLockIsLeftForAKeyFileOnceItsLoginsAreDone() throws Exception {
        List<Path> files = List.of(key, TestKeys.generate(dir, "id_second", "ed25519", "right"),
                TestKeys.generate(dir, "id_third", "ed25519", "right"));
        for (Path file : files) {
            assertThat(login(file, "right").key()).isNotNull();
            assertThat(keys.filesInUse()).as("after a login on %s", file.getFileName()).isZero();
        }
        Path wrong = TestKeys.generate(dir, "id_wrong", "ed25519", "other");
        assertThatThrownBy(() -> login(wrong, "right")).isInstanceOf(AuthFailed.class);
        assertThat(keys.filesInUse()).as("after a failed login").isZero();
        assertThatThrownBy(() -> login(dir.resolve("id_missing"), "right")).isInstanceOf(AuthFailed.class);
        assertThat(keys.filesInUse()).as("after a missing key file").isZero();
        assertThat(keys.size()).isEqualTo(3);
    }

    @Test
    void aLoginArrivingDuringADecryptionWaitsForItAndTakesItsKey() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<KeyProvider> first = pool.submit(() -> keys.load(key, () -> {
                reading.countDown();
                try {
                    finish.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new SshException("interrupted", e);
                }
                return KeyFiles.load(client, key, true, file -> {
                    decryptions.incrementAndGet();
                    return "right".toCharArray();
                });
            }).key());
            assertThat(reading.await(60, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> second = new AtomicReference<>();
            Future<KeyProvider> waiting = pool.submit(() -> {
                second.set(Thread.currentThread());
                return login("right").key();
            });
            waitUntilBlocked(second);
            assertThat(keys.filesInUse()).as("one lock for both logins on the file").isEqualTo(1);
            finish.countDown();
            KeyProvider read = first.get(60, TimeUnit.SECONDS);
            assertThat(waiting.get(60, TimeUnit.SECONDS)).isSameAs(read);
        } finally {
            finish.countDown();
            pool.shutdownNow();
        }
        assertThat(decryptions).hasValue(1);
        assertThat(keys.filesInUse()).isZero();
    }

    /** Waits (bounded) until the second login's thread blocks on the key file's lock. */
    private static void waitUntilBlocked(AtomicReference<Thread> thread) throws InterruptedException {
        for (int i = 0; i < 6000; i++) {
            Thread t = thread.get();
            if (t != null && t.getState() == Thread.State.BLOCKED) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the second login never waited for the first");
    }

    @Test
    void withoutARunEveryLoginDecrypts() throws Exception {
        for (int i = 0; i < 3; i++) {
            DecryptedKeys.NONE.load(key, () -> KeyFiles.load(client, key, true, file -> {
                decryptions.incrementAndGet();
                return "right".toCharArray();
            }));
        }
        assertThat(decryptions).hasValue(3);
        assertThat(DecryptedKeys.NONE.size()).isZero();
    }
}
