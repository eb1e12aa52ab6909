package dev.belay.ssh.auth;

import dev.belay.ssh.SshException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/** Reading OpenSSH key files: the private key (asking its passphrase) and the public half beside it. */
public final class KeyFiles {
    private KeyFiles() { }

    /** Why a key file was not used; {@code key} is null exactly when {@code skipped} says why. */
    public record Loaded(KeyProvider key, String skipped) { }

    /**
     * Decrypts the key now, so a wrong passphrase is reported as such rather than as a failed login.
     * A missing file is an error only when {@code required}; a declined passphrase skips the key.
     */
    public static Loaded load(SSHClient client, Path identity, boolean required, PassphrasePrompt prompt)
            throws SshException {
        if (!Files.isReadable(identity)) {
            if (required) {
                throw new AuthFailed("Identity file " + identity + " does not exist or is not readable.");
            }
            return new Loaded(null, "no such file");
        }
        AtomicBoolean asked = new AtomicBoolean();
        AtomicBoolean declined = new AtomicBoolean();
        AtomicReference<String> cannotAsk = new AtomicReference<>();
        PasswordFinder finder = passwordFinder(() -> {
            asked.set(true);
            char[] passphrase;
            try {
                passphrase = prompt.passphrase(identity);
            } catch (PassphraseUnavailable e) {
                cannotAsk.set(e.getMessage());
                passphrase = null;
            }
            declined.set(passphrase == null);
            return passphrase;
        });
        try {
            KeyProvider key = client.loadKeys(identity.toString(), finder);
            key.getPrivate();
            return new Loaded(key, null);
        } catch (IOException | RuntimeException e) {
            if (cannotAsk.get() != null) {
                return new Loaded(null, cannotAsk.get());
            }
            if (declined.get()) {
                return new Loaded(null, "encrypted, and no passphrase was given");
            }
            if (asked.get()) {
                prompt.rejected(identity);
                throw new AuthFailed("Wrong passphrase for private key " + identity
                        + ": it could not be decrypted. Try again, or use another key.");
            }
            throw new AuthFailed("Cannot read private key " + identity + ": " + e.getMessage()
                    + ". Use an OpenSSH private key (ed25519, ECDSA or RSA).");
        }
    }

    /** The public key of {@code identity} from {@code identity.pub} (SSH wire format), or null if unreadable. */
    public static byte[] publicBlob(Path identity) {
        Path pub = identity.resolveSibling(identity.getFileName() + ".pub");
        try {
            String[] fields = Files.readString(pub).trim().split("\\s+");
            return fields.length >= 2 ? Base64.getDecoder().decode(fields[1]) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    public static PasswordFinder passwordFinder(Supplier<char[]> source) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return source.get();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }
}
