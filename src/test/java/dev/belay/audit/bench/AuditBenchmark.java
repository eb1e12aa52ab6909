package dev.belay.audit.bench;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.RunQuery;
import dev.belay.audit.VerifyResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: durable appends per second on H2 with one and four writers, and the time to list runs
 * and open one run's timeline with 1,000 runs x 1,000 events, against a 10-run baseline in the same run.
 * Usage: AuditBenchmark [WORK_DIR] [RUNS] [EVENTS_PER_RUN]
 */
public final class AuditBenchmark {

    private static final Operator OP = new Operator("bench", "bench", "bench-host");
    private static final EventType[] MIX = {EventType.STEP_STARTED, EventType.COMMAND_STARTED,
        EventType.COMMAND_FINISHED, EventType.EXPECTATION_PASSED, EventType.STEP_FINISHED, EventType.NOTE};

    private AuditBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("belay-audit-bench");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int perRun = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Files.createDirectories(work);
        System.out.println("H2 file store in " + work + ", " + Runtime.getRuntime().availableProcessors() + " cpus");

        double cold = appendsPerSecond(work.resolve("append1cold"), 1, 3000);
        double four = appendsPerSecond(work.resolve("append4"), 4, 750);
        double one = appendsPerSecond(work.resolve("append1"), 1, 3000); // measured again, JVM warm
        double burst = appendsPerSecond(work.resolve("append32"), 32, 300); // a step's 32 host threads at once
        System.out.printf("durable appends/s: 1 writer %.0f (first, cold JVM: %.0f), 4 writers %.0f (ratio 4w/1w %.2f)%n",
                one, cold, four, four / one);
        System.out.printf("durable appends/s in bursts (32 writers, group commit): %.0f (ratio to 1 writer %.2f)%n",
                burst, burst / one);

        double[] small = reviewTimes(work.resolve("small"), 10, perRun);
        double[] large = reviewTimes(work.resolve("large"), runs, perRun);
        System.out.printf("list runs:     %d runs %.1f ms vs 10 runs %.1f ms (ratio %.1f)%n",
                runs, large[0], small[0], large[0] / small[0]);
        System.out.printf("open timeline: %d-event run among %,d events %.1f ms vs among %,d events %.1f ms (ratio %.1f)%n",
                perRun, (long) runs * perRun, large[1], 10L * perRun, small[1], large[1] / small[1]);
        System.out.printf("verify whole chain: %,d events %.0f ms; bulk load %.0f events/s%n",
                (long) runs * perRun, large[2], large[3]);
        System.out.printf("H2 file size with %,d events: %.0f MB%n", (long) runs * perRun,
                Files.size(work.resolve("large.mv.db")) / 1e6);
    }

    private static NewEvent event(String run, int i, EventType type) {
        NewEvent e = NewEvent.of(run, OP, "host-" + (i % 20), type);
        e.payload().put("stepId", "step-" + (i / 6)).put("title", "Step " + (i / 6)).put("command", "systemctl restart app")
                .put("exitStatus", 0).put("durationMillis", 40 + i % 100).put("estimateSeconds", 30);
        return e;
    }

    private static double appendsPerSecond(Path file, int writers, int each) throws Exception {
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(file))) {
            for (int i = 0; i < 200; i++) {
                store.append(event("warmup", i, EventType.NOTE)); // JIT warm-up, not measured
            }
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String run = "writer-" + w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        store.append(event(run, i, MIX[i % MIX.length]));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return writers * each / seconds;
        }
    }

    /** Builds the fixture through the real append path (batched), then times the review queries. */
    private static double[] reviewTimes(Path file, int runs, int perRun) {
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(file))) {
            long loadStart = System.nanoTime();
            for (int r = 0; r < runs; r++) {
                List<NewEvent> batch = new ArrayList<>(perRun);
                String run = "run-" + r;
                NewEvent start = NewEvent.of(run, OP, null, EventType.RUN_STARTED);
                start.payload().put("runbookId", "runbook-" + (r % 10)).put("revision", "r1")
                        .put("environment", r % 2 == 0 ? "prod" : "staging").put("inventory", "inv.yaml");
                batch.add(start);
                for (int i = 1; i < perRun - 1; i++) {
                    batch.add(event(run, i, MIX[i % MIX.length]));
                }
                NewEvent end = NewEvent.of(run, OP, null, EventType.RUN_FINISHED);
                end.payload().put("outcome", "succeeded");
                batch.add(end);
                store.appendAll(batch);
            }
            double loadRate = (double) runs * perRun / ((System.nanoTime() - loadStart) / 1e9);
            String middle = "run-" + runs / 2;
            double list = medianMillis(() -> check(store.runs(RunQuery.all()).size() == runs, "runs"));
            double timeline = medianMillis(() -> check(store.timeline(middle).size() == perRun, "timeline"));
            long v = System.nanoTime();
            check(store.verify() instanceof VerifyResult.Intact, "verify");
            return new double[] {list, timeline, (System.nanoTime() - v) / 1e6, loadRate};
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark " + what + " returned the wrong result");
        }
    }

    private static double medianMillis(Runnable r) {
        r.run(); // warm-up
        double[] t = new double[7];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
