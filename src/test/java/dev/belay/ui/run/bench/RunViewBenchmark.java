package dev.belay.ui.run.bench;

import atlantafx.base.theme.PrimerLight;
import dev.belay.app.LiveRun;
import dev.belay.audit.AuditStore;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.Plan;
import dev.belay.engine.PlanResolver;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.engine.StepStatus;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import dev.belay.ui.run.PrintingTransport;
import dev.belay.ui.run.RunSession;
import dev.belay.ui.run.RunView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Not a test: how long the FX thread takes to answer a ping while a real {@link RunView}, shown on a
 * real stage, follows a run in which HOSTS hosts print LINES lines each. The run is the real engine
 * (journal in an H2 audit file, its 32 host threads, its events to the view's listener) over an
 * in-process transport that prints each host's lines as fast as a shell loop would, so the view,
 * not SSH, is what is measured. A ping is posted to the FX thread every 10 ms from another thread;
 * its latency is the time from posting to running. Prints p50/p99/max with the run idle (the
 * baseline, same process) and while the hosts stream, and their ratio.
 * Run with bench/runview.sh [HOSTS] [LINES] (under xvfb-run).
 */
public final class RunViewBenchmark {

    private static final Path RUNBOOK = Path.of("src/test/resources/dev/belay/ui/run/bench/streaming-hosts.yaml");

    private RunViewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        Path dir = Files.createTempDirectory("belay-runview-bench");
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(60, TimeUnit.SECONDS);
        Platform.setImplicitExit(false);
        fx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            return null;
        });
        try (AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            Plan plan = plan(hosts);
            RunEngine engine = new RunEngine(new PrintingTransport(lines), new AuditEventSink(audit));
            RunView view = fx(() -> new RunView(null));
            Stage stage = fx(() -> {
                Stage s = new Stage();
                Scene scene = new Scene((Parent) view.node(), 1280, 860);
                passes.watch(scene);
                scene.getStylesheets().add(RunView.class.getResource("/dev/belay/ui/run/run.css").toExternalForm());
                s.setScene(scene);
                s.show();
                return s;
            });
            RunController run = engine.start(plan, RunOptions.live("bench").withStepByStep(true), view.listener());
            try {
                // no audit store for the session: the view opens no live terminals (none are measured here)
                RunSession session = new RunSession(new LiveRun(run, plan, null), RunMode.LIVE, null, "bench");
                fx(() -> {
                    view.attach(session);
                    return null;
                });
                run.await(s -> s.awaiting() != null && "stream".equals(s.awaiting().stepId()), Duration.ofSeconds(120));
                Thread.sleep(2000); // the view settles on the waiting step
                long fxThread = fx(() -> Thread.currentThread().getId());
                passes.take(); // the window's first drawing is not measured
                passes.takeCpu();
                Pings idle = Pings.start(fxThread);
                Thread.sleep(5000);
                List<Long> quiet = idle.stop();
                List<Long> quietPasses = passes.take();
                List<Long> quietCpu = passes.takeCpu();
                Pings busy = Pings.start(fxThread);
                long t0 = System.nanoTime();
                run.run("stream");
                run.await(s -> s.step("stream").map(st -> st.status().done()).orElse(false), Duration.ofMinutes(10));
                double engineSeconds = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(1000); // what the view still had queued when the step ended
                List<Long> streaming = busy.stop();
                List<Long> busyPasses = passes.take();
                List<Long> busyCpu = passes.takeCpu();
                StepStatus status = run.state().step("stream").orElseThrow().status();
                System.out.printf("%d hosts x %d lines: step %s, engine done in %.2f s; %d pings idle, %d while streaming%n",
                        hosts, lines, status, engineSeconds, quiet.size(), streaming.size());
                print("idle     ", quiet);
                print("streaming", streaming);
                print("idle,      FX CPU while waiting", idle.cpuLatencies());
                print("streaming, FX CPU while waiting", busy.cpuLatencies());
                passes.print("idle     ", quietPasses);
                passes.print("streaming", busyPasses);
                passes.print("idle,      CPU", quietCpu);
                passes.print("streaming, CPU", busyCpu);
                // Load-proof where the pings are not: how much of each wall second the FX thread computed.
                System.out.printf("FX thread CPU: idle %.0f ms/s, streaming %.0f ms/s (%.2f s in all while streaming)%n",
                        idle.cpuMsPerSecond(), busy.cpuMsPerSecond(), busy.cpuNanos / 1e9);
                System.out.printf("streaming/idle: p50 %.1fx, p99 %.1fx (goal: p99 < 100 ms on a quiet machine)%n",
                        (double) pct(streaming, 50) / Math.max(1, pct(quiet, 50)),
                        (double) pct(streaming, 99) / Math.max(1, pct(quiet, 99)));
            } finally {
                fx(() -> {
                    stage.hide();
                    view.dispose();
                    return null;
                });
                run.close();
            }
        } finally {
            Platform.exit();
        }
    }

    private static final PulsePasses passes = new PulsePasses();

    /**
     * How long each pulse's CSS and layout passes took on the FX thread (from the scene's pre-layout
     * to its post-layout pulse listener), in wall time and in the FX thread's CPU time (the figure a
     * loaded machine does not inflate): the long pulses the pings wait behind, counted in bands.
     * Work done in runLater (event batches, state refreshes) is not in here; the pings see it.
     */
    private static final class PulsePasses {
        private static final long[] BANDS_MS = {5, 20, 50, 100, 200};
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final ConcurrentLinkedQueue<Long> done = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Long> doneCpu = new ConcurrentLinkedQueue<>();
        private long start;
        private long startCpu;

        void watch(Scene scene) {
            scene.addPreLayoutPulseListener(() -> {
                start = System.nanoTime();
                startCpu = threads.getCurrentThreadCpuTime();
            });
            scene.addPostLayoutPulseListener(() -> {
                done.add(System.nanoTime() - start);
                doneCpu.add(threads.getCurrentThreadCpuTime() - startCpu);
            });
        }

        /** The wall times of the passes since the last take; {@link #takeCpu} has their CPU times. */
        List<Long> take() throws Exception {
            fx(() -> null);
            return drain(done);
        }

        /** The FX thread's CPU time in each pass since the last call: what the passes cost, whatever the load. */
        List<Long> takeCpu() {
            return drain(doneCpu);
        }

        private static List<Long> drain(ConcurrentLinkedQueue<Long> q) {
            List<Long> out = new ArrayList<>();
            for (Long x = q.poll(); x != null; x = q.poll()) {
                out.add(x);
            }
            return out;
        }

        void print(String what, List<Long> xs) {
            int[] counts = new int[BANDS_MS.length + 1];
            long total = 0;
            for (long x : xs) {
                total += x;
                int i = 0;
                while (i < BANDS_MS.length && x >= BANDS_MS[i] * 1_000_000) {
                    i++;
                }
                counts[i]++;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < counts.length; i++) {
                b.append(i == 0 ? "<" + BANDS_MS[0] : i == BANDS_MS.length ? ">=" + BANDS_MS[i - 1] : BANDS_MS[i - 1] + "-" + BANDS_MS[i])
                        .append(" ms: ").append(counts[i]).append(i < counts.length - 1 ? ", " : "");
            }
            List<Long> s = new ArrayList<>(xs);
            s.sort(Collections.reverseOrder());
            System.out.printf("CSS+layout per pulse %s: %d pulses, %.0f ms in all; %s; longest %s ms%n", what, xs.size(),
                    total / 1e6, b, s.stream().limit(5).map(x -> String.format("%.0f", x / 1e6)).toList());
        }
    }

    /** A plan of the bench's runbook on {@code count} hosts named web-1, web-2, … (all on loopback, never connected to). */
    public static Plan plan(int count) {
        LoadResult<Runbook> loaded = new RunbookLoader().load(RUNBOOK.toAbsolutePath());
        if (!loaded.ok()) {
            throw new IllegalStateException(RUNBOOK + ": " + loaded.problems());
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            String name = "web-" + i;
            hosts.put(name, new Host(name, "127.0.0.1", "bench", 22, null, null, Map.of()));
        }
        Inventory inv = new Inventory("bench", hosts, Map.of("web", List.copyOf(hosts.keySet())), Map.of());
        return new PlanResolver(PlanResolver.Includes.NONE).resolve(loaded.value(), inv, Map.of());
    }

    /** A ping posted to the FX thread every 10 ms; each records the time from posting to running. */
    private static final class Pings {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-ping");
            t.setDaemon(true);
            return t;
        });
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Long> cpuLatencies = new ConcurrentLinkedQueue<>();
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final long fxThread;
        private final long cpuStart;
        private final long wallStart = System.nanoTime();
        private long cpuNanos;
        private long wallNanos;
        private volatile boolean stopped;

        private Pings(long fxThread) {
            this.fxThread = fxThread;
            this.cpuStart = threads.getThreadCpuTime(fxThread);
        }

        static Pings start(long fxThread) {
            Pings p = new Pings(fxThread);
            p.timer.scheduleAtFixedRate(p::ping, 0, 10, TimeUnit.MILLISECONDS);
            return p;
        }

        double cpuMsPerSecond() {
            return cpuNanos / 1e6 / (wallNanos / 1e9);
        }

        private void ping() {
            long posted = System.nanoTime();
            long postedCpu = threads.getThreadCpuTime(fxThread);
            Platform.runLater(() -> {
                if (!stopped) {
                    latencies.add(System.nanoTime() - posted);
                    cpuLatencies.add(threads.getCurrentThreadCpuTime() - postedCpu);
                }
            });
        }

        /**
         * For each ping, the CPU time the FX thread spent between its posting and its running: the
         * work queued ahead of it. Unlike the wall latency, a loaded machine does not inflate it;
         * on a quiet one the wall latency is about this plus waits for the render thread.
         */
        List<Long> cpuLatencies() {
            return new ArrayList<>(cpuLatencies);
        }

        /** Stops posting, waits for the pings already posted, and returns all latencies. */
        List<Long> stop() throws Exception {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            fx(() -> null); // the FX thread has run every ping posted before this
            stopped = true;
            cpuNanos = threads.getThreadCpuTime(fxThread) - cpuStart;
            wallNanos = System.nanoTime() - wallStart;
            return new ArrayList<>(latencies);
        }
    }

    private static void print(String what, List<Long> xs) {
        System.out.printf("FX ping latency %s: p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms%n", what,
                pct(xs, 50) / 1e6, pct(xs, 99) / 1e6, pct(xs, 100) / 1e6);
    }

    /** The p-th percentile (nearest rank). */
    private static long pct(List<Long> xs, int p) {
        if (xs.isEmpty()) {
            return 0;
        }
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(120, TimeUnit.SECONDS);
    }
}
