package dev.belay.ssh;

import dev.belay.ssh.auth.SshTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;

/** An embedded Apache MINA SSHD on 127.0.0.1 for tests: exec via /bin/sh, key and password logins. */
public final class MinaServer implements AutoCloseable {
    public static final String USER = "belay";
    public static final String PASSWORD = "correct horse";

    private final SshServer sshd;
    private final PublicKey hostKey;
    private final AtomicInteger sessionsCreated = new AtomicInteger();

    private MinaServer(SshServer sshd, PublicKey hostKey) {
        this.sshd = sshd;
        this.hostKey = hostKey;
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                sessionsCreated.incrementAndGet();
            }
        });
    }

    /** Starts a server whose host key lives in {@code hostKeyFile}, accepting keys from {@code authorized}. */
    public static MinaServer start(Path hostKeyFile, List<Path> authorizedPubFiles, boolean forwarding) throws IOException {
        return start(hostKeyFile, authorizedPubFiles, forwarding, ProcessShellCommandFactory.INSTANCE);
    }

    /** As above, with {@code commands} answering exec requests (e.g. in-process, without a fork per command). */
    public static MinaServer start(Path hostKeyFile, List<Path> authorizedPubFiles, boolean forwarding,
                                   CommandFactory commands) throws IOException {
        Set<String> allowed = new java.util.HashSet<>();
        for (Path pub : authorizedPubFiles) {
            allowed.add(Files.readString(pub).trim().split("\\s+")[1]);
        }
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        sshd.setKeyPairProvider(keys);
        sshd.setCommandFactory(commands);
        org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(sshd, true);
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setPublickeyAuthenticator((user, key, session) ->
                USER.equals(user) && allowed.contains(PublicKeyEntry.toString(key).split("\\s+")[1]));
        if (forwarding) {
            sshd.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        }
        sshd.start();
        List<KeyPair> pairs = new ArrayList<>();
        keys.loadKeys(null).forEach(pairs::add);
        return new MinaServer(sshd, pairs.get(0).getPublic());
    }

    public int port() {
        return sshd.getPort();
    }

    public PublicKey hostKey() {
        return hostKey;
    }

    /** A known_hosts line trusting this server's key, as OpenSSH would write it. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey);
    }

    /** The key's wire blob base64, the second field of a known_hosts or .pub line. */
    public String hostKeyBase64() {
        return PublicKeyEntry.toString(hostKey).split("\\s+")[1];
    }

    public SshTarget target(String name, Path identity) {
        return new SshTarget(name, "127.0.0.1", port(), USER, identity, List.of(), null);
    }

    /** How many SSH sessions (client connections) this server has accepted so far. */
    public int sessionsCreated() {
        return sessionsCreated.get();
    }

    /** How many client connections are open now. */
    public int activeSessions() {
        return sshd.getActiveSessions().size();
    }

    /** Drops every open session but keeps listening (simulates a network blip on this host). */
    public void dropSessions() {
        sshd.getActiveSessions().forEach(s -> s.close(true));
    }

    /** Stops at once, dropping every session (simulates a host that dies). */
    public void kill() throws IOException {
        sshd.stop(true);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
