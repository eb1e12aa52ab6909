package dev.belay.ssh.bench;

import dev.belay.ssh.TestKeys;
import dev.belay.ssh.auth.DecryptedKeys;
import dev.belay.ssh.auth.KeyFiles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.sshj.SSHClient;

/**
 * An encrypted key's logins for one run: each login reading (decrypting) the key file, as before,
 * against one run's {@link DecryptedKeys}, which decrypts once. Keys made by ssh-keygen (ed25519,
 * bcrypt KDF at its default 16 rounds). Prints CPU time of this thread and the ratio, per round.
 * Usage: bench/keys.sh [logins=200] [rounds=3]
 */
public final class KeyDecryptBenchmark {

    private KeyDecryptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int logins = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("belay-keys");
        Path key = TestKeys.generate(dir, "id_ed25519", "ed25519", "bench passphrase");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (SSHClient client = new SSHClient()) {
            for (int r = 1; r <= rounds; r++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < logins; i++) {
                    read(client, key);
                }
                long t1 = cpu.getCurrentThreadCpuTime();
                try (DecryptedKeys run = new DecryptedKeys()) {
                    for (int i = 0; i < logins; i++) {
                        run.load(key, () -> read(client, key));
                    }
                }
                long t2 = cpu.getCurrentThreadCpuTime();
                System.out.printf("round %d, %d logins: each decrypting %.0f ms CPU; one run's keys %.0f ms CPU; "
                        + "ratio %.3f%n", r, logins, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (double) (t2 - t1) / (t1 - t0));
            }
        } finally {
            Files.deleteIfExists(key);
            Files.deleteIfExists(TestKeys.pub(key));
            Files.deleteIfExists(dir);
        }
    }

    private static KeyFiles.Loaded read(SSHClient client, Path key) throws dev.belay.ssh.SshException {
        return KeyFiles.load(client, key, true, file -> "bench passphrase".toCharArray());
    }
}
