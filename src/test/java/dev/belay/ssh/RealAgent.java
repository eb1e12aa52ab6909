package dev.belay.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's real {@code ssh-agent} on a socket in a temp dir, fed with {@code ssh-add}; stopped by its own pid. */
final class RealAgent implements AutoCloseable {
    private final Process process;
    private final Path socket;

    private RealAgent(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/ssh-agent")) && Files.isExecutable(Path.of("/usr/bin/ssh-add"));
    }

    static RealAgent start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("agent.sock");
        // -D: stays in the foreground as our child, so it never outlives the tests.
        Process p = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!Files.exists(socket)) {
            p.destroyForcibly();
            throw new IOException("ssh-agent did not create " + socket + ": " + Files.readString(dir.resolve("agent.out")));
        }
        return new RealAgent(p, socket);
    }

    Path socket() {
        return socket;
    }

    /** Runs ssh-add (or another OpenSSH tool) against this agent. */
    String tool(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(List.of(args) + " failed: " + out);
        }
        return out;
    }

    void add(Path key) throws IOException, InterruptedException {
        tool("ssh-add", "-q", key.toString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
