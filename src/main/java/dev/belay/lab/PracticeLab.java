package dev.belay.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A running practice lab: one embedded SSH server on 127.0.0.1 serving N simulated hosts. The SSH
 * user name picks the host ({@code lab-2@127.0.0.1} is host lab-2), so one port serves them all.
 * Start it with {@link #start(LabConfig)}, stop it with {@link #close()}.
 */
public final class PracticeLab implements AutoCloseable {

    /** Where the lab listens; it never leaves loopback. */
    public static final String ADDRESS = "127.0.0.1";
    static final String INVENTORY = "inventory.yaml";
    static final String KNOWN_HOSTS = "known_hosts";

    private final SshServer server;
    private final List<LabHost> hosts;
    private final Path baseDir;
    private final Path clientKey;

    private PracticeLab(SshServer server, List<LabHost> hosts, Path baseDir, Path clientKey) {
        this.server = server;
        this.hosts = hosts;
        this.baseDir = baseDir;
        this.clientKey = clientKey;
    }

    /**
     * Creates the lab's directory, keys and host homes (reusing those already there), starts the
     * server and writes the inventory and known_hosts files for the port it got. With no port
     * asked for, the lab takes the port of its last start again if it is free.
     */
    public static PracticeLab start(LabConfig config) throws IOException {
        Path base = config.baseDir().toAbsolutePath();
        Files.createDirectories(base);
        LabKeys keys = LabKeys.ensure(base);
        List<LabHost> hosts = createHomes(base, config.hosts());
        Path labBin = LabBin.install(base);
        PtyNative.configure();
        Map<String, LabHost> byUser = new LinkedHashMap<>();
        hosts.forEach(h -> byUser.put(h.name(), h));
        int port = config.port() != 0 ? config.port() : LabPort.previousIfFree(base);
        SshServer server = newServer(port, keys, byUser, labBin);
        try {
            server.start();
        } catch (IOException e) {
            throw new IOException("lab: cannot listen on " + ADDRESS + ":" + port + " (" + e.getMessage()
                    + "); pick another --port or leave it out for any free port", e);
        }
        PracticeLab lab = new PracticeLab(server, List.copyOf(hosts), base, keys.clientKey());
        try {
            LabPort.remember(base, lab.port());
            Files.writeString(lab.knownHostsPath(), keys.knownHostsLine(ADDRESS, lab.port()) + "\n");
            LabInventory.write(lab.inventoryPath(), hosts, lab.port(), keys.clientKey(), lab.knownHostsPath());
        } catch (IOException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private static List<LabHost> createHomes(Path base, int count) throws IOException {
        List<LabHost> hosts = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String name = "lab-" + i;
            hosts.add(new LabHost(name, Files.createDirectories(base.resolve("hosts").resolve(name))));
        }
        return hosts;
    }

    private static SshServer newServer(int port, LabKeys keys, Map<String, LabHost> byUser, Path labBin) {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(ADDRESS);
        server.setPort(port);
        server.setKeyPairProvider(keys.hostKeyProvider());
        // Public key only, and only for a known host name: the user name is the host's identity.
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setPublickeyAuthenticator((user, key, session) -> byUser.containsKey(user) && keys.isClientKey(key));
        server.setCommandFactory((channel, command) -> new HostExecCommand(hostOf(channel, byUser), labBin, command));
        server.setShellFactory(channel -> new PtyShellCommand(hostOf(channel, byUser), labBin));
        return server;
    }

    private static LabHost hostOf(ChannelSession channel, Map<String, LabHost> byUser) throws IOException {
        LabHost host = byUser.get(channel.getSession().getUsername());
        if (host == null) {
            throw new IOException("lab: no simulated host for user " + channel.getSession().getUsername());
        }
        return host;
    }

    /** The port the server listens on (the one asked for, or the free one it got). */
    public int port() {
        return server.getPort();
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    public Path baseDir() {
        return baseDir;
    }

    public Path inventoryPath() {
        return baseDir.resolve(INVENTORY);
    }

    public Path knownHostsPath() {
        return baseDir.resolve(KNOWN_HOSTS);
    }

    /** The private key every host accepts (OpenSSH format, ed25519). */
    public Path clientKeyPath() {
        return clientKey;
    }

    public boolean isRunning() {
        return server.isStarted();
    }

    /** Stops the server and, with it, every session and the processes they started. */
    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
