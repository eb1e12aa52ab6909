package dev.belay.lab.bench;

import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the sandboxed lab costs: start time for 3 and 20 hosts (fresh directories: each host root
 * is seeded), one sandboxed command against the same command unsandboxed (same run, medians),
 * and the heap and RSS of a running 20-host lab. Prints figures and ratios; asserts nothing.
 * Run: mvn -q -o test-compile exec:java ... or from an IDE (main method).
 */
public final class LabCostBenchmark {

    private LabCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("belay-lab-bench");
        for (int hosts : List.of(3, 20)) {
            long t0 = System.nanoTime();
            try (PracticeLab lab = PracticeLab.start(new LabConfig(base.resolve("fresh-" + hosts), hosts, 0))) {
                System.out.printf("start, %d hosts, fresh dir: %d ms%n", hosts, (System.nanoTime() - t0) / 1_000_000);
            }
            t0 = System.nanoTime();
            try (PracticeLab lab = PracticeLab.start(new LabConfig(base.resolve("fresh-" + hosts), hosts, 0))) {
                System.out.printf("start, %d hosts, existing dir: %d ms%n", hosts, (System.nanoTime() - t0) / 1_000_000);
                if (hosts == 20) {
                    System.gc();
                    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    System.out.printf("20-host lab: heap used %d MiB (after GC), JVM RSS %s%n",
                            heap.getUsed() >> 20, rss());
                    commandCost(lab);
                }
            }
        }
    }

    private static void commandCost(PracticeLab lab) throws Exception {
        int rounds = 30;
        long[] plain = new long[rounds];
        long[] boxed = new long[rounds];
        List<String> sandboxed = dev.belay.lab.SandboxAccess.command(lab, "lab-1", "true");
        for (int i = 0; i < rounds; i++) {
            plain[i] = time(List.of("/bin/sh", "-c", "true"));
            boxed[i] = time(sandboxed);
        }
        java.util.Arrays.sort(plain);
        java.util.Arrays.sort(boxed);
        long p = plain[rounds / 2];
        long b = boxed[rounds / 2];
        System.out.printf("one command (median of %d): unsandboxed %.1f ms, sandboxed %.1f ms, ratio %.1f%n",
                rounds, p / 1e6, b / 1e6, (double) b / p);
    }

    private static long time(List<String> argv) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process pr = new ProcessBuilder(argv).redirectErrorStream(true).start();
        pr.getInputStream().readAllBytes();
        pr.waitFor();
        return System.nanoTime() - t0;
    }

    private static String rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?").replaceAll("\\s+", " ");
    }
}
