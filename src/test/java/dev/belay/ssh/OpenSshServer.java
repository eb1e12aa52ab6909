package dev.belay.ssh;

import dev.belay.ssh.auth.SshTarget;
import dev.belay.ssh.exec.SshSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real OpenSSH server on a free loopback port, configured entirely inside a temp dir.
 * Callers skip (assumption) when {@link #available()} is false.
 */
public final class OpenSshServer implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final int port;
    private final Path dir;
    private final Path clientKey;

    private OpenSshServer(Process process, int port, Path dir, Path clientKey) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.clientKey = clientKey;
    }

    /** sshd is installed and its privilege-separation directory exists or can be made (as root). */
    public static boolean available() {
        if (!Files.isExecutable(SSHD)) {
            return false;
        }
        try {
            Files.createDirectories(Path.of("/run/sshd"));
            return true;
        } catch (IOException notRoot) {
            return false;
        }
    }

    public static OpenSshServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of());
    }

    /** With {@code extraConfig} lines appended to sshd_config (e.g. {@code PubkeyAcceptedAlgorithms -ssh-rsa}). */
    public static OpenSshServer start(Path dir, List<String> extraConfig) throws IOException, InterruptedException {
        Path hostKey = TestKeys.generate(dir, "ssh_host_ed25519_key", "ed25519", "");
        Path clientKey = TestKeys.generate(dir, "id_client", "ed25519", "");
        Files.copy(TestKeys.pub(clientKey), dir.resolve("authorized_keys"));
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "MaxStartups 1000:30:2000",
                String.join("\n", extraConfig),
                ""));
        String hostPub = Files.readString(TestKeys.pub(hostKey)).trim().split("\\s+", 3)[0] + " "
                + Files.readString(TestKeys.pub(hostKey)).trim().split("\\s+", 3)[1];
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostPub + "\n");
        // -D keeps sshd our child, so it is stopped by its own pid and never outlives the tests.
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-f", config.toString(), "-E",
                dir.resolve("sshd.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.out").toFile()).start();
        OpenSshServer server = new OpenSshServer(p, port, dir, clientKey);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("sshd did not start listening on 127.0.0.1:" + port + "; log: "
                + readIfExists(dir.resolve("sshd.log")) + readIfExists(dir.resolve("sshd.out")));
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public Path dir() {
        return dir;
    }

    /** sshd's log (-E), where "Accepted publickey ... SHA256:..." names the key that logged in. */
    public String log() throws IOException {
        return readIfExists(dir.resolve("sshd.log"));
    }

    public SshSettings settings() {
        return TestSettings.of(dir);
    }

    public SshTarget target() {
        return new SshTarget("openssh", "127.0.0.1", port, System.getProperty("user.name"), clientKey, List.of(), null);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
