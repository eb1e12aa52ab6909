package dev.belay.lab.bench;

import dev.belay.lab.LabConfig;
import dev.belay.lab.LabHost;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * Fan-out benchmark (not a test): runs {@code true} on every host of a practice lab, first one
 * connection after another, then with a bounded pool, and prints both times and their ratio.
 * Each host is its own connection: connect, key exchange, public-key auth, exec, close.
 * Arguments: [hosts=200] [threads=32] [rounds=3].
 */
public final class FanOutBenchmark {

    private final PracticeLab lab;
    private final DefaultConfig config = new DefaultConfig();
    private final HostKeyVerifier verifier;
    private final KeyProvider key;

    private FanOutBenchmark(PracticeLab lab) throws IOException {
        this.lab = lab;
        this.verifier = new OpenSSHKnownHosts(lab.knownHostsPath().toFile());
        try (SSHClient loader = new SSHClient(config)) {
            this.key = loader.loadKeys(lab.clientKeyPath().toString());
        }
    }

    public static void main(String[] args) throws Exception {
        int hosts = arg(args, 0, 200);
        int threads = arg(args, 1, 32);
        int rounds = arg(args, 2, 3);
        Path dir = Files.createTempDirectory("belay-fanout-");
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir, hosts, 0))) {
            new FanOutBenchmark(lab).run(threads, rounds);
        }
    }

    private void run(int threads, int rounds) throws Exception {
        List<LabHost> hosts = lab.hosts();
        System.out.printf("Fan-out of `true` to %d lab hosts (one SSH connection each), %d rounds, %d cores%n",
                hosts.size(), rounds, Runtime.getRuntime().availableProcessors());
        concurrent(hosts.subList(0, Math.min(hosts.size(), 40)), threads); // warm-up: JIT, thread pools
        double[] seq = new double[rounds];
        double[] conc = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            seq[r] = sequential(hosts);
            conc[r] = concurrent(hosts, threads);
            System.out.printf("  round %d: sequential %.2f s, concurrent (%d threads) %.2f s%n",
                    r + 1, seq[r], threads, conc[r]);
        }
        double s = median(seq);
        double c = median(conc);
        System.out.printf("median sequential: %.2f s (%.1f ms/host)%n", s, s * 1000 / hosts.size());
        System.out.printf("median concurrent: %.2f s with %d threads%n", c, threads);
        System.out.printf("speed-up (sequential / concurrent): %.1fx%n", s / c);
    }

    private double sequential(List<LabHost> hosts) throws IOException {
        long start = System.nanoTime();
        for (LabHost host : hosts) {
            runTrue(host);
        }
        return seconds(start);
    }

    private double concurrent(List<LabHost> hosts, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (LabHost host : hosts) {
                done.add(pool.submit(() -> {
                    runTrue(host);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            return seconds(start);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private void runTrue(LabHost host) throws IOException {
        try (SSHClient ssh = new SSHClient(config)) {
            ssh.setConnectTimeout(30_000);
            ssh.setTimeout(60_000);
            ssh.addHostKeyVerifier(verifier);
            ssh.connect(PracticeLab.ADDRESS, lab.port());
            ssh.authPublickey(host.name(), key);
            try (Session session = ssh.startSession()) {
                Session.Command cmd = session.exec("true");
                IOUtils.readFully(cmd.getInputStream());
                cmd.join(60, TimeUnit.SECONDS);
                if (!Integer.valueOf(0).equals(cmd.getExitStatus())) {
                    throw new IOException(host.name() + ": `true` exited with " + cmd.getExitStatus());
                }
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
