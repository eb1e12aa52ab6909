package dev.belay.lab.bench;

import dev.belay.lab.LabConfig;
import dev.belay.lab.LabHost;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.exec.ExecResult;
import dev.belay.ssh.trust.HostKeyListener;
import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ssh.exec.OutputListener;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.auth.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Fan-out benchmark (not a test): runs {@code true} on every host of a practice lab through
 * Belay's {@link SshPool} from a bounded pool of worker threads (as the engine's host pool does), one
 * host after another (the baseline) and then {@code threads} at a time, and prints both times and
 * their ratio. A plain bounded pool over raw sshj runs
 * too, for reference: it shows what Belay's SSH layer costs on top. Each host is its own connection
 * (connect, key exchange, public-key auth, exec, close), and every pool starts empty.
 * Arguments: [hosts=200] [threads=32] [rounds=3].
 */
public final class FanOutBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PracticeLab lab;
    private final List<SshTarget> targets;
    private final SshSettings settings;
    private final DefaultConfig rawConfig = new DefaultConfig();
    private final HostKeyVerifier rawVerifier;
    private final KeyProvider rawKey;

    private FanOutBenchmark(PracticeLab lab, Path scratch) throws IOException {
        this.lab = lab;
        this.targets = lab.hosts().stream()
                .map(h -> new SshTarget(h.name(), PracticeLab.ADDRESS, lab.port(), h.name(),
                        lab.clientKeyPath(), List.of(), null))
                .toList();
        // Trust only the lab's host key; no ~/.ssh file is read or written.
        this.settings = new SshSettings(lab.knownHostsPath(), scratch.resolve("belay_known_hosts"),
                scratch.resolve("ssh_config"), List.of(), HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE,
                HostKeyListener.NONE, Duration.ofSeconds(30), 0);
        this.rawVerifier = new OpenSSHKnownHosts(lab.knownHostsPath().toFile());
        try (SSHClient loader = new SSHClient(rawConfig)) {
            this.rawKey = loader.loadKeys(lab.clientKeyPath().toString());
        }
    }

    public static void main(String[] args) throws Exception {
        int hosts = arg(args, 0, 200);
        int threads = arg(args, 1, 32);
        int rounds = arg(args, 2, 3);
        Path dir = Files.createTempDirectory("belay-fanout-");
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir, hosts, 0))) {
            new FanOutBenchmark(lab, dir).run(threads, rounds);
        }
    }

    private void run(int threads, int rounds) throws Exception {
        System.out.printf("Fan-out of `true` to %d lab hosts (one SSH connection each), %d rounds, %d cores%n",
                targets.size(), rounds, Runtime.getRuntime().availableProcessors());
        belay(targets.subList(0, Math.min(targets.size(), 40)), threads); // warm-up: JIT, key loading
        raw(lab.hosts().subList(0, Math.min(targets.size(), 40)), threads);
        double[] seq = new double[rounds];
        double[] conc = new double[rounds];
        double[] raw = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            seq[r] = belay(targets, 1);
            conc[r] = belay(targets, threads);
            raw[r] = raw(lab.hosts(), threads);
            System.out.printf("  round %d: sequential %.2f s, pool(%d) %.2f s, raw sshj pool(%d) %.2f s%n",
                    r + 1, seq[r], threads, conc[r], threads, raw[r]);
        }
        double s = median(seq);
        double c = median(conc);
        System.out.printf("median sequential (1 at a time): %.2f s (%.1f ms/host)%n",
                s, s * 1000 / targets.size());
        System.out.printf("median concurrent (%d at a time): %.2f s%n", threads, c);
        System.out.printf("median raw sshj bounded pool (%d threads): %.2f s%n", threads, median(raw));
        System.out.printf("speed-up (sequential / concurrent): %.1fx%n", s / c);
    }

    /** One fan-out through Belay's SSH layer with a fresh pool, so every host connects anew. */
    private double belay(List<SshTarget> hosts, int concurrency) throws InterruptedException {
        try (SshPool pool = new SshPool(settings)) {
            long start = System.nanoTime();
            List<ExecResult> results = execAll(pool, hosts, concurrency);
            double took = seconds(start);
            results.stream().filter(r -> !r.succeeded()).findFirst().ifPresent(r -> {
                throw new IllegalStateException(r.host() + ": `true` did not succeed: " + r.outcome());
            });
            return took;
        }
    }

    private static List<ExecResult> execAll(SshPool pool, List<SshTarget> hosts, int concurrency)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<ExecResult>> running = new ArrayList<>();
            for (SshTarget host : hosts) {
                running.add(workers.submit(() -> pool.exec(host, "true", TIMEOUT, OutputListener.NONE)));
            }
            List<ExecResult> results = new ArrayList<>();
            for (Future<ExecResult> f : running) {
                results.add(f.get());
            }
            return results;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a worker failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    private double raw(List<LabHost> hosts, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (LabHost host : hosts) {
                done.add(pool.submit(() -> {
                    rawTrue(host);
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

    private void rawTrue(LabHost host) throws IOException {
        try (SSHClient ssh = new SSHClient(rawConfig)) {
            ssh.setConnectTimeout(30_000);
            ssh.setTimeout(60_000);
            ssh.addHostKeyVerifier(rawVerifier);
            ssh.connect(PracticeLab.ADDRESS, lab.port());
            ssh.authPublickey(host.name(), rawKey);
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
