package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.ssh.MinaServer;
import dev.belay.ssh.TestKeys;
import dev.belay.ssh.TestSettings;
import dev.belay.ssh.exec.ExecResult;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Run in a child JVM with a small heap by {@link LongWindowMemoryTest}: a long maintenance window's
 * worth of commands (a monitor probing every 100 ms for 17 minutes) through the engine's real
 * {@link SshTransport}, all under one run's {@link CancelToken}, as a run issues them. Prints the
 * used heap after a full GC at 1,000 commands and at the end, and how many probes came back exit 0.
 *
 * <p>The server is a real SSH server (Apache MINA) whose exec handler answers in-process, so 10,000
 * commands cost no 10,000 forks: it prints the pid marker Belay's remote wrapper would print, then
 * {@code ok}, and exits 0. The client side is exactly the engine's.
 */
public final class LongWindowProbe {
    private static final Pattern NONCE = Pattern.compile("@belay-pid- ([0-9a-f]+)");

    private LongWindowProbe() { }

    /** Args: scratch dir, number of commands. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int commands = Integer.parseInt(args[1]);
        Path key = TestKeys.generate(dir, "id_probe", "ed25519", "");
        try (MinaServer server = MinaServer.start(dir.resolve("host_key"), List.of(TestKeys.pub(key)), false,
                (channel, command) -> new Answer(command))) {
            Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
            Host host = new Host("probe", "127.0.0.1", MinaServer.USER, server.port(), key.toString(), null, Map.of());
            Inventory inventory = new Inventory("probe", Map.of("probe", host), Map.of("all", List.of("probe")), Map.of());
            CancelToken run = new CancelToken();
            int ok = 0;
            long at1000 = -1;
            try (SshTransport transport = new SshTransport(TestSettings.of(dir), inventory)) {
                for (int i = 1; i <= commands; i++) {
                    ExecResult r = transport.exec(host, "true", Duration.ofSeconds(10), (line, err) -> { }, run);
                    if (r.succeeded() && r.stdout().text().equals("ok\n")) {
                        ok++;
                    } else {
                        System.err.println("command " + i + ": " + r);
                    }
                    if (i == 1000) {
                        at1000 = usedAfterGc();
                    }
                }
            }
            System.out.println("ok=" + ok + " usedAt1000=" + at1000 + " usedAtEnd=" + usedAfterGc()
                    + " registered=" + run.registered() + " maxHeap=" + Runtime.getRuntime().maxMemory());
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Answers one exec the way Belay's remote wrapper plus {@code echo ok} would. */
    private static final class Answer implements Command {
        private final String command;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Answer(String command) {
            this.command = command;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            Matcher m = NONCE.matcher(command);
            if (m.find()) {
                err.write(("@belay-pid-" + m.group(1) + " 4242\n").getBytes(StandardCharsets.US_ASCII));
                err.flush();
            }
            out.write("ok\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            exit.onExit(0);
        }

        @Override
        public void destroy(ChannelSession channel) {
        }

        @Override
        public void setInputStream(java.io.InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }
    }
}
