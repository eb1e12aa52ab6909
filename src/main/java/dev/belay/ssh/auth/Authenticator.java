package dev.belay.ssh.auth;

import dev.belay.ssh.SshException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Logs a connected client in. Auth order per hop: the identity files (target, else config, else the
 * defaults), then the target's password prompt. Encrypted keys ask the {@link PassphrasePrompt}.
 */
public final class Authenticator {
    private final PassphrasePrompt passphrasePrompt;

    public Authenticator(PassphrasePrompt passphrasePrompt) {
        this.passphrasePrompt = passphrasePrompt;
    }

    /** Logs {@code client} in as the hop's user: its identity files first, then the password prompt. */
    public void authenticate(SSHClient client, ResolvedTarget hop) throws SshException {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        for (Path identity : hop.identities()) {
            KeyProvider key = loadKey(client, identity, identity.equals(hop.spec().identityFile()));
            if (key != null) {
                methods.add(new AuthPublickey(key));
                tried.add("key " + identity);
            }
        }
        PasswordPrompt prompt = hop.spec().passwordPrompt();
        if (prompt != null) {
            methods.add(new AuthPassword(passwordFinder(() -> prompt.password(hop.user(), hop.host()))));
            tried.add("password");
        }
        if (methods.isEmpty()) {
            throw new AuthFailed("No way to log in to " + hop.label() + ": no readable identity file "
                    + hop.identities() + " and no password prompt. Give the target an identity file or a password.");
        }
        try {
            client.auth(hop.user(), methods);
        } catch (UserAuthException e) {
            throw new AuthFailed("Authentication failed for " + hop.label() + " (tried " + tried
                    + "). Check the user name, and that the key is in the host's authorized_keys.");
        } catch (IOException e) {
            throw new SshException("Connection to " + hop.label() + " dropped during login: " + e.getMessage(), e);
        }
    }

    /** Decrypts the key now, so a wrong passphrase is reported as such rather than as a failed login. */
    private KeyProvider loadKey(SSHClient client, Path identity, boolean required) throws SshException {
        if (!Files.isReadable(identity)) {
            if (required) {
                throw new AuthFailed("Identity file " + identity + " does not exist or is not readable.");
            }
            return null;
        }
        AtomicBoolean asked = new AtomicBoolean();
        AtomicBoolean declined = new AtomicBoolean();
        PasswordFinder finder = passwordFinder(() -> {
            asked.set(true);
            char[] passphrase = passphrasePrompt.passphrase(identity);
            declined.set(passphrase == null);
            return passphrase;
        });
        try {
            KeyProvider key = client.loadKeys(identity.toString(), finder);
            key.getPrivate();
            return key;
        } catch (IOException | RuntimeException e) {
            if (declined.get()) {
                return null;
            }
            if (asked.get()) {
                throw new AuthFailed("Wrong passphrase for private key " + identity
                        + ": it could not be decrypted. Try again, or use another key.");
            }
            throw new AuthFailed("Cannot read private key " + identity + ": " + e.getMessage()
                    + ". Use an OpenSSH private key (ed25519, ECDSA or RSA).");
        }
    }

    private static PasswordFinder passwordFinder(java.util.function.Supplier<char[]> source) {
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
