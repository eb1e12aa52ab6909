package dev.belay.ssh.auth;

import dev.belay.ssh.FileVersion;
import dev.belay.ssh.SshException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The private keys a run has already read, so that each key file is decrypted once per run and not
 * once per host: an encrypted OpenSSH key costs a bcrypt key derivation (16 rounds by default, tens of
 * milliseconds of CPU) on every read, 200 of them for a step on 200 hosts. Keys are held in this
 * object's memory only, for as long as the run that owns it ({@link RunPassphrases}); {@link #close()}
 * drops them. A key file changed on disk during the run (another {@link FileVersion}: file, size or
 * modification time) is read again. Hosts that connect at once wait for the first read of a file
 * instead of each decrypting it. Only keys that were read are kept: a declined, unavailable or wrong
 * passphrase is asked again by the next login, as before.
 */
public final class DecryptedKeys implements AutoCloseable {

    /** Keeps nothing: every login reads its key file (prompts that do not live as long as a run). */
    public static final DecryptedKeys NONE = new DecryptedKeys(false);

    /** One read of a key file: {@link KeyFiles#load} on a connection's client. */
    @FunctionalInterface
    public interface Read {
        KeyFiles.Loaded read() throws SshException;
    }

    private record Kept(FileVersion version, KeyFiles.Loaded loaded) {
    }

    /**
     * Serialises the logins that read one key file. {@code users} counts the logins holding or waiting
     * for it and is only touched inside {@link ConcurrentHashMap#compute}, atomic per file: while a
     * login holds the lock it stays in the map, so a login arriving then waits on the same one, and the
     * last one out removes it (a run on many key files does not keep a lock for each).
     */
    private static final class FileLock {
        private int users;
    }

    private final boolean keep;
    /** One per key file that a login is reading or waiting for; dropped when the last of them is done. */
    private final Map<Path, FileLock> locks = new ConcurrentHashMap<>();
    private final Map<Path, Kept> kept = new HashMap<>();

    private DecryptedKeys(boolean keep) {
        this.keep = keep;
    }

    /** Keys kept for one run. */
    public DecryptedKeys() {
        this(true);
    }

    /** The key read from {@code identity} earlier in this run, or {@code read}'s answer (kept when it is a key). */
    public KeyFiles.Loaded load(Path identity, Read read) throws SshException {
        if (!keep) {
            return read.read();
        }
        Path file = identity.toAbsolutePath().normalize();
        FileLock lock = locks.compute(file, (f, held) -> {
            FileLock l = held == null ? new FileLock() : held;
            l.users++;
            return l;
        });
        try {
            synchronized (lock) {
                return loadHoldingLock(file, read);
            }
        } finally {
            locks.computeIfPresent(file, (f, l) -> --l.users == 0 ? null : l);
        }
    }

    private KeyFiles.Loaded loadHoldingLock(Path file, Read read) throws SshException {
        FileVersion now = version(file);
        Kept known;
        synchronized (this) {
            known = kept.get(file);
        }
        if (known != null && now != null && known.version().equals(now)) {
            return known.loaded();
        }
        KeyFiles.Loaded loaded = read.read();
        synchronized (this) {
            if (loaded.key() != null && now != null) {
                kept.put(file, new Kept(now, loaded));
            } else {
                kept.remove(file);
            }
        }
        return loaded;
    }

    /** How many key files are held now. */
    public synchronized int size() {
        return kept.size();
    }

    /** How many key files a login is reading or waiting for now (each has a lock only then). */
    int filesInUse() {
        return locks.size();
    }

    /** Forgets every key (the end of the run). */
    @Override
    public synchronized void close() {
        kept.clear();
    }

    private static FileVersion version(Path file) {
        try {
            return FileVersion.of(file);
        } catch (IOException e) {
            return null; // unreadable: KeyFiles.load says why, and nothing is kept
        }
    }
}
