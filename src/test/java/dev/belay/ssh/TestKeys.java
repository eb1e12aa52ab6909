package dev.belay.ssh;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Client keys generated at test time with OpenSSH's ssh-keygen (never committed). */
public final class TestKeys {
    private TestKeys() { }

    /** Writes {@code dir/name} (OpenSSH private key) and {@code dir/name.pub}. */
    public static Path generate(Path dir, String name, String type, String passphrase) throws IOException, InterruptedException {
        Path key = dir.resolve(name);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                "ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "belay-test", "-f", key.toString()));
        if (type.equals("rsa")) {
            cmd.addAll(java.util.List.of("-b", "2048"));
        }
        run(cmd);
        return key;
    }

    public static Path pub(Path key) {
        return key.resolveSibling(key.getFileName() + ".pub");
    }

    public static String run(java.util.List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(cmd + " failed: " + out);
        }
        return out;
    }
}
