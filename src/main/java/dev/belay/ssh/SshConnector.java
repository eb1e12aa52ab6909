package dev.belay.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Opens authenticated connections: resolves the target against {@code ~/.ssh/config}, connects
 * through each jump host in turn (direct-tcpip), verifies every host key and logs in.
 * Auth order per hop: the identity files (target, else config, else the defaults), then password.
 */
public final class SshConnector {
    /** Building sshj's algorithm lists is costly; one config serves every client (it is read-only). */
    private static final DefaultConfig CONFIG = newConfig();

    private final SshSettings settings;

    public SshConnector(SshSettings settings) {
        this.settings = settings;
    }

    public SshSettings settings() {
        return settings;
    }

    /** Connects to {@code target} through its own chain of jump hosts, all closed with the connection. */
    public SshConnection connect(SshTarget target) throws SshException {
        ResolvedTarget resolved = resolve(target);
        List<ResolvedTarget> chain = new ArrayList<>();
        flatten(resolved, chain);
        List<SSHClient> hops = new ArrayList<>();
        try {
            for (ResolvedTarget hop : chain) {
                hops.add(openHop(hop, hops.isEmpty() ? null : hops.get(hops.size() - 1)));
            }
        } catch (SshException e) {
            for (int i = hops.size() - 1; i >= 0; i--) {
                closeQuietly(hops.get(i));
            }
            throw e;
        }
        return new SshConnection(target.name(), hops);
    }

    /**
     * Connects to {@code target} through jump connections taken from (and left in) {@code shared}:
     * closing the result closes only the target's own connection.
     */
    SshConnection connect(SshTarget target, JumpHosts shared) throws SshException {
        ResolvedTarget resolved = resolve(target);
        List<ResolvedTarget> chain = new ArrayList<>();
        flatten(resolved, chain);
        if (chain.size() == 1) {
            return new SshConnection(target.name(), List.of(openHop(resolved, null)));
        }
        SSHClient via = shared.through(chain.subList(0, chain.size() - 1), this::openHop);
        return new SshConnection(target.name(), List.of(openHop(resolved, via)));
    }

    private ResolvedTarget resolve(SshTarget target) throws SshException {
        return new SshConfigResolver(settings.sshConfig(), settings.defaultIdentities()).resolve(target);
    }

    /** A jump host's own jumps come before it: the chain is connected depth-first. */
    private static void flatten(ResolvedTarget t, List<ResolvedTarget> into) {
        for (ResolvedTarget jump : t.jumps()) {
            flatten(jump, into);
        }
        into.add(t);
    }

    private SSHClient openHop(ResolvedTarget hop, SSHClient via) throws SshException {
        SSHClient client = new SSHClient(CONFIG);
        client.setConnectTimeout((int) settings.connectTimeout().toMillis());
        client.getConnection().getKeepAlive().setKeepAliveInterval(settings.keepAliveSeconds());
        KnownHostsVerifier verifier;
        try {
            verifier = new KnownHostsVerifier(settings.userKnownHosts(), settings.belayKnownHosts(),
                    settings.hostKeyPrompt(), settings.hostKeyListener());
        } catch (IOException e) {
            throw new SshException("Cannot read known_hosts (" + settings.userKnownHosts() + " or "
                    + settings.belayKnownHosts() + "): " + e.getMessage());
        }
        client.addHostKeyVerifier(verifier);
        try {
            if (via == null) {
                client.connect(hop.host(), hop.port());
            } else {
                client.connectVia(via.newDirectConnection(hop.host(), hop.port()));
            }
        } catch (IOException e) {
            closeQuietly(client);
            if (verifier.refusal().isPresent()) {
                throw verifier.refusal().get();
            }
            throw new SshException("Cannot connect to " + hop.label() + (via == null ? "" : " (through its jump host)")
                    + ": " + e.getMessage() + ". Check the address and port, and that sshd runs there.", e);
        }
        try {
            authenticate(client, hop);
        } catch (SshException e) {
            closeQuietly(client);
            throw e;
        }
        return client;
    }

    private void authenticate(SSHClient client, ResolvedTarget hop) throws SshException {
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
            throw new SshException.AuthFailed("No way to log in to " + hop.label() + ": no readable identity file "
                    + hop.identities() + " and no password prompt. Give the target an identity file or a password.");
        }
        try {
            client.auth(hop.user(), methods);
        } catch (UserAuthException e) {
            throw new SshException.AuthFailed("Authentication failed for " + hop.label() + " (tried " + tried
                    + "). Check the user name, and that the key is in the host's authorized_keys.");
        } catch (IOException e) {
            throw new SshException("Connection to " + hop.label() + " dropped during login: " + e.getMessage(), e);
        }
    }

    /** Decrypts the key now, so a wrong passphrase is reported as such rather than as a failed login. */
    private KeyProvider loadKey(SSHClient client, Path identity, boolean required) throws SshException {
        if (!Files.isReadable(identity)) {
            if (required) {
                throw new SshException.AuthFailed("Identity file " + identity + " does not exist or is not readable.");
            }
            return null;
        }
        AtomicBoolean asked = new AtomicBoolean();
        AtomicBoolean declined = new AtomicBoolean();
        PasswordFinder finder = passwordFinder(() -> {
            asked.set(true);
            char[] passphrase = settings.passphrasePrompt().passphrase(identity);
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
                throw new SshException.AuthFailed("Wrong passphrase for private key " + identity
                        + ": it could not be decrypted. Try again, or use another key.");
            }
            throw new SshException.AuthFailed("Cannot read private key " + identity + ": " + e.getMessage()
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

    private static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // Nothing to release beyond the socket, which disconnect() closes first.
        }
    }

    private static DefaultConfig newConfig() {
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        return config;
    }
}
