package dev.belay.ssh.exec;

import dev.belay.ssh.SshException;
import dev.belay.ssh.auth.Authenticator;
import dev.belay.ssh.auth.ResolvedTarget;
import dev.belay.ssh.auth.SshConfigResolver;
import dev.belay.ssh.auth.SshTarget;
import dev.belay.ssh.trust.KnownHostsVerifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;

/**
 * Opens authenticated connections: resolves the target against {@code ~/.ssh/config}, connects
 * through each jump host in turn (direct-tcpip), verifies every host key and logs in.
 * Trust is {@link KnownHostsVerifier}'s, login is {@link Authenticator}'s.
 */
public final class SshConnector {
    /** Building sshj's algorithm lists is costly; one config serves every client (it is read-only). */
    private static final DefaultConfig CONFIG = new Config();

    private final SshSettings settings;

    public SshConnector(SshSettings settings) {
        this.settings = settings;
    }

    /**
     * Builds the shared config (BouncyCastle's provider and the algorithm lists: a tenth of a short
     * run's start-up CPU) on a thread of its own, so that it overlaps the caller's own start (reading
     * the runbook, opening the audit log) instead of following it. Idempotent; the first connection
     * waits for it if it is not done yet (class initialisation).
     */
    public static void prepareInBackground() {
        Thread t = new Thread(SshConnector::prepared, "ssh-config");
        t.setDaemon(true);
        t.start();
    }

    /** Calling it initialises this class, hence {@link #CONFIG}. */
    private static void prepared() {
        CONFIG.getCipherFactories();
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
                client.getSocket().setTcpNoDelay(true);
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
            new Authenticator(settings.passphrasePrompt()).authenticate(client, hop);
        } catch (SshException e) {
            closeQuietly(client);
            throw e;
        }
        return client;
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // Nothing to release beyond the socket, which disconnect() closes first.
        }
    }

    /**
     * sshj's defaults with keepalive, and the ciphers OpenSSH offers (its own order, then the CBC modes
     * old network gear may still need). sshj's own list adds Blowfish, Twofish, Serpent, IDEA, CAST and
     * RC4, which OpenSSH dropped years ago, and creates and tries each of its 33 ciphers in every JVM
     * that connects anywhere; these are all known to work on Java 17 with BouncyCastle.
     */
    private static final class Config extends DefaultConfig {
        Config() {
            setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        }

        @Override
        protected void initCipherFactories() {
            setCipherFactories(
                    ChachaPolyCiphers.CHACHA_POLY_OPENSSH(),
                    BlockCiphers.AES128CTR(),
                    BlockCiphers.AES192CTR(),
                    BlockCiphers.AES256CTR(),
                    GcmCiphers.AES128GCM(),
                    GcmCiphers.AES256GCM(),
                    BlockCiphers.AES128CBC(),
                    BlockCiphers.AES192CBC(),
                    BlockCiphers.AES256CBC(),
                    BlockCiphers.TripleDESCBC());
        }
    }
}
