package dev.belay.ui.terminal.bench;

import dev.belay.audit.AuditStore;
import dev.belay.audit.Operator;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.auth.SshTarget;
import dev.belay.ssh.exec.PtyShell;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ui.terminal.LabTerminals;
import dev.belay.ui.terminal.TerminalAudit;
import dev.belay.ui.terminal.TerminalPane;
import dev.belay.ui.terminal.TerminalTabs;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * A terminal fed ~20 MB (15 MB of random bytes as base64, 100-char lines) over SSH: the time until
 * the last line is on screen, the FX thread's longest gap between pulses meanwhile, and the time until
 * the recording is sealed, against a baseline in the same run: the same output read from a bare PTY
 * shell (SSH and the server's PTY, no emulator, no recording). The server is OpenSSH at -Dbench.ssh
 * (bench/terminal.sh starts one on loopback), or without it the practice lab in this JVM. Per feed: a
 * cold round that warms the JIT (printed, not counted), then {@code bench.rounds} (3) pairs of a bare
 * read and a terminal round; the table gives the medians, each round's ratio taken against its own
 * pair's bare read. Each round prints where the CPU went: per thread of this JVM, each thread's wait
 * for a core, the milliseconds the JIT compiled (all compiler threads), and the whole machine's busy
 * CPU-seconds split into this JVM's and the other processes' (with OpenSSH: the server's side).
 * Run with bench/terminal.sh (under xvfb-run for a real window) or headless with Monocle properties.
 */
public final class TerminalThroughputBenchmark {

    private static final String DONE = "END-42";
    /** Terminal rounds counted after the cold one, each paired with a bare read just before it. */
    private static final int WARM_ROUNDS = Integer.getInteger("bench.rounds", 3);
    /**
     * Every round opens its terminal as a new tab of one window and closes the tab after, as the run view's
     * terminals are used; with -Dbench.windowPerRound=true each round has a window of its own (rounds
     * before 2026-12-02 did: each new window's CSS and layout kept the JIT compiling in every round).
     */
    private static final boolean WINDOW_PER_ROUND = Boolean.getBoolean("bench.windowPerRound");
    /** See {@link #settleJit()}. */
    private static final boolean SETTLE_JIT = Boolean.parseBoolean(System.getProperty("bench.settleJit", "true"));
    /** With -Dbench.stalls=true, the FX thread's stack is sampled while a pulse is this late (ms: bench.stallMs). */
    private static final long STALL_SAMPLE_NANOS = Long.getLong("bench.stallMs", 150) * 1_000_000L;
    // The echoed command line reads END-$((40+2)); only the output says END-42 (no '-' in either feed).
    private static final String BASE64 = "head -c 15000000 /dev/urandom | base64 -w 100; echo END-$((40+2))";
    private static final String SEQ = "seq 1 300000; echo END-$((40+2))";
    private static final Pattern PROMPT = Pattern.compile("[$#]$");
    /** The terminal tab's name (the lab's host is called so). */
    private static final String HOST = "lab-1";

    public static void main(String[] args) throws Exception {
        if (WARM_ROUNDS < 1) {
            System.err.println("-Dbench.rounds must be at least 1 (terminal rounds counted after the cold one), got " + WARM_ROUNDS);
            System.exit(2);
        }
        try {
            run(args);
        } finally {
            // the FX runtime's thread keeps the JVM alive (implicit exit is off): an error must not leave it hanging
            Platform.exit();
        }
    }

    private static void run(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("belay-term-bench");
        String ssh = System.getProperty("bench.ssh", "");
        // Only the practice lab's server runs in this JVM: its threads and their JIT compete with the terminal's.
        try (PracticeLab lab = ssh.isEmpty() ? PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0)) : null;
             AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
             SshPool pool = new SshPool(LabTerminals.settings(lab != null ? lab.knownHostsPath() : Path.of(required("bench.knownHosts")), dir))) {
            SshTarget target = lab != null ? LabTerminals.target(lab, HOST) : openSshTarget(ssh);
            System.out.println("server: " + (lab != null ? "the practice lab, in this JVM" : "OpenSSH at " + target.address()
                    + ":" + target.port() + " as " + target.user()));
            CompletableFuture<Void> started = new CompletableFuture<>();
            Platform.startup(() -> started.complete(null));
            started.get(30, TimeUnit.SECONDS);
            // Each round closes its window; without this the FX runtime exits with the first one
            // and the second round waits for ever on a runLater that never runs.
            Platform.setImplicitExit(false);
            // the one window every round's tab opens in, or none: each round makes its own
            TerminalTabs window = WINDOW_PER_ROUND ? null : fx(() -> tabsInAWindow(pool, store));
            StringBuilder table = new StringBuilder();
            table.append(String.format("| %-34s | %9s | %9s | %9s | %9s | %8s |%n", "feed", "bare PTY", "terminal",
                    "ratio", "recorded", "FX stall"));
            table.append("|").append("-".repeat(36)).append("|-----------|-----------|-----------|-----------|----------|\n");
            // Arguments pick feeds (base64, seq); none runs both.
            List<String> only = List.of(args);
            for (String[] feed : new String[][] {{"20 MB base64 (100-char lines)", BASE64, "base64"},
                    {"seq 1 300000 (short lines)", SEQ, "seq"}}) {
                if (!only.isEmpty() && !only.contains(feed[2])) {
                    continue;
                }
                rawPty(pool, target, feed[1]); // warm-up: JIT, connection
                // Round 1 warms the JIT and JediTerm's classes (printed, not counted); then WARM_ROUNDS
                // pairs, a bare read and a terminal round each, so a drift in the machine's load hits both.
                double[] ratios = new double[WARM_ROUNDS];
                double[] bare = new double[WARM_ROUNDS];
                double[] term = new double[WARM_ROUNDS];
                double[] sealedAt = new double[WARM_ROUNDS];
                double worstStall = 0;
                for (int round = 1; round <= WARM_ROUNDS + 1; round++) {
                    settleJit();
                    double raw = round == 1 ? Double.NaN : rawPty(pool, target, feed[1]);
                    double[] r;
                    try {
                        r = terminal(pool, target, store, window, feed[1]);
                    } catch (TimeoutException e) {
                        e.printStackTrace();
                        dumpThreads();
                        throw e;
                    }
                    long compiled = (long) r[3];
                    if (round == 1) {
                        System.out.printf("  round 1 (cold, not counted): last line on screen %6.2f s; recording sealed"
                                + " after %6.2f s; longest FX stall %4.0f ms; JIT compiling meanwhile %d ms%n", r[0], r[1], r[2],
                                compiled);
                        continue;
                    }
                    int i = round - 2;
                    bare[i] = raw;
                    term[i] = r[0];
                    ratios[i] = r[0] / raw;
                    sealedAt[i] = r[1];
                    worstStall = Math.max(worstStall, r[2]);
                    System.out.printf("  round %d: bare PTY read %6.2f s; terminal, last line on screen %6.2f s (%.2fx);"
                            + " recording sealed after %6.2f s; longest FX stall %4.0f ms; JIT compiling meanwhile %d ms%n",
                            round, raw, r[0], ratios[i], r[1], r[2], compiled);
                }
                System.out.printf("%s: warm rounds' ratios %s, median %.2fx%n", feed[0],
                        Arrays.toString(Arrays.stream(ratios).map(x -> Math.round(x * 100) / 100.0)
                                .toArray()), median(ratios));
                table.append(String.format("| %-34s | %7.2f s | %7.2f s | %8.2fx | %7.2f s | %5.0f ms |%n",
                        feed[0], median(bare), median(term), median(ratios), median(sealedAt), worstStall));
            }
            System.out.println();
            System.out.print(table);
            System.out.println("(medians of " + WARM_ROUNDS + " warm rounds, each terminal round against the bare read just"
                    + " before it; terminal: until the frame with the last line is asked of the painter (the model's end"
                    + " plus what jump scroll held back); recorded: until the recording is sealed;"
                    + " FX stall: the longest gap between FX pulses while the output streamed, the worst warm round)");
        }
    }

    /**
     * {@code -Dbench.ssh=USER@ADDRESS:PORT} with {@code -Dbench.identity} (the user's private key) and
     * {@code -Dbench.knownHosts} (the server's key): the OpenSSH server bench/terminal.sh starts.
     */
    private static SshTarget openSshTarget(String ssh) {
        Matcher m = Pattern.compile("([^@]+)@([^:]+):(\\d+)").matcher(ssh);
        if (!m.matches()) {
            throw new IllegalArgumentException("-Dbench.ssh must read USER@ADDRESS:PORT, got " + ssh);
        }
        return new SshTarget(HOST, m.group(2), Integer.parseInt(m.group(3)), m.group(1),
                Path.of(required("bench.identity")), List.of(), null);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-Dbench.ssh needs -D" + property);
        }
        return value;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Waits until the JIT has finished no compilation for half a second (at most 10 s) and returns the
     * seconds waited: what the work between rounds (a bare read, a tab opened or closed) left the
     * compilers to do then no longer runs inside the next measurement, as an operator's next flood does
     * not start within milliseconds of the last. A round's own first-time compilations still count in it.
     * Returns 0 at once with -Dbench.settleJit=false (rounds before 2026-12-02 did not wait).
     */
    private static double settleJit() throws InterruptedException {
        if (!SETTLE_JIT) {
            return 0;
        }
        long start = System.nanoTime();
        long compiled = compileMillis();
        long quietSince = start;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)
                && System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(500)) {
            Thread.sleep(50);
            long now = compileMillis();
            if (now != compiled) {
                compiled = now;
                quietSince = System.nanoTime();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Milliseconds the JIT compilers have spent so far (all compiler threads), or 0 where not known. */
    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Seconds to read the whole feed from a PTY shell with nothing but a byte scan. */
    private static double rawPty(SshPool pool, SshTarget target, String feed) throws Exception {
        try (PtyShell shell = pool.openShell(target, 100, 30)) {
            InputStream in = shell.input();
            MachineCpu cpuBefore = MachineCpu.now();
            long start = System.nanoTime();
            shell.write(feed + "\r");
            byte[] buf = new byte[64 * 1024];
            StringBuilder tail = new StringBuilder();
            // The echoed command line reads END-$((40+2)); only the output says END-42 (no '-' in base64).
            while (tail.indexOf(DONE) < 0) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IllegalStateException("shell ended early");
                }
                tail.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                if (tail.length() > 4096) {
                    tail.delete(0, tail.length() - 64);
                }
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException("no end marker within 5 minutes");
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("    bare read %.2f s: %s%n", seconds, MachineCpu.now().since(cpuBefore));
            return seconds;
        }
    }

    /**
     * {seconds until the last line's frame is asked of the painter, to the sealed recording, longest FX gap in ms,
     * ms the JIT compiled while the output streamed}; the round's terminal is a tab of {@code window}, closed
     * after, or where {@code window} is null the one tab of a window made and closed for the round.
     */
    private static double[] terminal(SshPool pool, SshTarget target, AuditStore store, TerminalTabs window,
                                     String feed) throws Exception {
        TerminalTabs tabs = window != null ? window : fx(() -> tabsInAWindow(pool, store));
        AtomicLong last = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long prev = last.getAndSet(now);
                if (prev != 0) {
                    worst.accumulateAndGet(now - prev, Math::max);
                }
            }
        };
        TerminalPane pane = fx(() -> {
            pulses.start();
            return tabs.open(HOST, target);
        }).get(60, TimeUnit.SECONDS);
        // a prompt: the lab's "lab-1$ ", bash's "bash-5.2# " for the light-shell user
        waitFor(() -> PROMPT.matcher(pane.screenText().strip()).find(), 30);
        double settled = settleJit();
        worst.set(0);
        Thread fxThread = fx(Thread::currentThread);
        Map<String, Integer> stalls = new ConcurrentHashMap<>();
        Thread watchdog = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (last.get() != 0 && System.nanoTime() - last.get() > STALL_SAMPLE_NANOS) {
                    StackTraceElement[] st = fxThread.getStackTrace();
                    StringBuilder key = new StringBuilder();
                    for (int i = 0; i < Math.min(8, st.length); i++) {
                        key.append("\n      ").append(st[i]);
                    }
                    stalls.merge(key.toString(), 1, Integer::sum);
                }
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watchdog.setDaemon(true);
        if (Boolean.getBoolean("bench.stalls")) {
            watchdog.start();
        }
        Map<String, Long> cpuBefore = threadCpu();
        Map<String, Long> queuedBefore = runQueueWait();
        long framesBefore = pane.framesAsked();
        long floodFramesBefore = pane.floodFramesDrawn();
        long compiledBefore = compileMillis();
        MachineCpu machineBefore = MachineCpu.now();
        long start = System.nanoTime();
        tabs.typeInto(HOST, feed).get(10, TimeUnit.SECONDS);
        waitFor(() -> pane.screenText().contains("\n" + DONE), 300);
        double onScreen = (System.nanoTime() - start) / 1e9;
        // Jump scroll draws a flood's last state at the end of its window (up to 250 ms): the wait
        // from the model's end until that frame is asked of the painter (polled every 5 ms).
        while (pane.holdsFrameBack() && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5)) {
            Thread.sleep(5);
        }
        double drawnAfter = (System.nanoTime() - start) / 1e9 - onScreen;
        MachineCpu machineAfter = MachineCpu.now();
        long compiledMeanwhile = compileMillis() - compiledBefore;
        printCpu(cpuBefore, threadCpu());
        printQueued(queuedBefore, runQueueWait());
        System.out.printf("    terminal %.2f s: %s%n", onScreen + drawnAfter, machineAfter.since(machineBefore));
        System.out.printf("    frames asked of the painter: %d (%.1f a second), %d drawn by Belay's flood painter; the last"
                + " state asked %.0f ms after the model's end%s%n", pane.framesAsked() - framesBefore,
                (pane.framesAsked() - framesBefore) / onScreen, pane.floodFramesDrawn() - floodFramesBefore, drawnAfter * 1000,
                SETTLE_JIT ? String.format("; waited %.2f s before it for the JIT to go quiet", settled) : "");
        double stall = worst.get() / 1e6;
        watchdog.interrupt();
        stalls.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(4)
                .forEach(e -> System.out.println("  FX stalled " + e.getValue() + " samples in:" + e.getKey()));
        if (window == null) {
            fx(tabs::close).get(300, TimeUnit.SECONDS);
        } else {
            fx(() -> tabs.close(HOST)).get(300, TimeUnit.SECONDS); // as the tab's close button: the window stays
        }
        double sealed = (System.nanoTime() - start) / 1e9;
        fx(() -> {
            pulses.stop();
            if (window == null) {
                ((Stage) tabs.node().getScene().getWindow()).close();
            }
            return null;
        });
        // The figure is the flood's last state asked of the painter, not the model's end: jump scroll
        // may hold that frame back, and the operator sees the screen, not the model.
        return new double[] {onScreen + drawnAfter, sealed, stall, compiledMeanwhile};
    }

    /** Terminal tabs recording to {@code store}, shown in a window of their own (on the FX thread). */
    private static TerminalTabs tabsInAWindow(SshPool pool, AuditStore store) {
        TerminalTabs tabs = new TerminalTabs(pool, new TerminalAudit(store, "bench", new Operator("bench", "", "")));
        Stage stage = new Stage();
        stage.setScene(new Scene((Parent) tabs.node(), 1000, 640));
        stage.show();
        return tabs;
    }

    /**
     * CPU nanoseconds per thread kind (digits in names folded), for the account of where the time
     * goes: unlike the wall-clock ratio, CPU seconds hardly move with the machine's load.
     */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null) {
                long t = mx.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    cpu.merge(info.getThreadName().replaceAll("[0-9]+", "N") + "#" + info.getThreadId(), t, Long::sum);
                }
            }
        }
        return cpu;
    }

    private static void printCpu(Map<String, Long> before, Map<String, Long> after) {
        printByThread("CPU s by thread:", before, after);
    }

    private static void printQueued(Map<String, Long> before, Map<String, Long> after) {
        printByThread("waiting for a core, s by thread:", before, after);
    }

    /** Seconds per thread kind between two snapshots (keys "name#id"), the largest first, 20 ms or more. */
    private static void printByThread(String label, Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> byKind = new TreeMap<>();
        after.forEach((k, v) -> byKind.merge(k.substring(0, k.lastIndexOf('#')), v - before.getOrDefault(k, 0L), Long::sum));
        StringBuilder line = new StringBuilder("    " + label);
        byKind.entrySet().stream().filter(e -> e.getValue() >= 20_000_000L)
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> line.append(String.format(" %s %.2f;", e.getKey(), e.getValue() / 1e9)));
        System.out.println(line);
    }

    /**
     * Nanoseconds each thread spent runnable but waiting for a core (Linux's schedstat), by native
     * thread name (15 characters): what the machine's load adds to a thread's wall time, apart from
     * its CPU time and its waits for work. Empty where /proc has no schedstat.
     */
    private static Map<String, Long> runQueueWait() {
        Map<String, Long> queued = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String[] stat = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "N");
                    queued.merge(name + "#" + task.getFileName(), Long.parseLong(stat[1]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile, or no schedstat: leave it out
                }
            }
        } catch (IOException e) {
            return queued;
        }
        return queued;
    }

    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not done within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            dumpThreads();
            throw e;
        }
    }

    private static void dumpThreads() {
        Thread.getAllStackTraces().forEach((t, stack) -> {
            System.err.println(t.getName() + " " + t.getState());
            for (StackTraceElement el : stack) {
                System.err.println("    " + el);
            }
        });
    }
}
