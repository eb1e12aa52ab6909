package dev.belay.audit.bench;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.VerifyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Not a test: the time to verify the hash chain of N events (default 1M) in this JVM and through the
 * real {@code belay audit verify} in a new JVM, against two floors measured in the same run: a plain
 * SHA-256 of N rows of the same size held in memory, and a bare JDBC scan of the events table.
 * Usage: VerifyBenchmark WORK_DIR [EVENTS] [CLASSPATH_FOR_CLI]
 */
public final class VerifyBenchmark {

    private static final Operator OP = new Operator("bench", "bench", "bench-host");
    private static final EventType[] MIX = {EventType.STEP_STARTED, EventType.COMMAND_STARTED,
        EventType.COMMAND_FINISHED, EventType.EXPECTATION_PASSED, EventType.STEP_FINISHED, EventType.NOTE};

    private VerifyBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String cliClasspath = args.length > 2 ? args[2] : System.getProperty("java.class.path");
        Files.createDirectories(work);
        Path file = work.resolve("verify");
        String url = AuditStore.h2Url(file);

        long load = System.nanoTime();
        try (AuditStore store = AuditStore.open(url)) {
            for (int done = 0; done < n; ) {
                int size = Math.min(1000, n - done);
                List<NewEvent> batch = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    batch.add(event("run-" + (done / 1000), done + i));
                }
                store.appendAll(batch);
                done += size;
            }
        }
        System.out.printf("loaded %,d events in %.1f s (%.0f MB file)%n", n, (System.nanoTime() - load) / 1e9,
                Files.size(work.resolve("verify.mv.db")) / 1e6);

        double sha = plainSha256(n);
        double scan = bareScan(url);
        double inProcess;
        try (AuditStore store = AuditStore.open(url)) {
            store.verify(); // warm-up of the same code path, not measured
            long v = System.nanoTime();
            VerifyResult r = store.verify();
            inProcess = (System.nanoTime() - v) / 1e9;
            if (!(r instanceof VerifyResult.Intact ok) || ok.count() != n) {
                throw new IllegalStateException("benchmark verify returned " + r);
            }
        }
        Timed cli = cliVerify(url, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + work, "-cp", cliClasspath, "dev.belay.cli.Main"), work);
        // The command as installed: packaging/belay.sh on the build's jar and class-data sharing archive
        // (bench/audit.sh makes both), when it says where they are.
        String launcher = System.getenv("BELAY_LAUNCHER");
        Timed installed = launcher == null ? null : cliVerify(url, List.of("sh", launcher), work);
        System.out.println();
        System.out.printf("| %-44s | %8s | %10s | %s |%n", "verify of " + String.format("%,d", n) + " events", "seconds",
                "ratio", "CPU-seconds (user+sys, all threads)");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(10), "-".repeat(12), "-".repeat(37));
        System.out.printf("| %-44s | %8.2f | %10s | %35s |%n", "plain SHA-256 of N rows in memory (floor)", sha, "1.00", "");
        System.out.printf("| %-44s | %8.2f | %10.2f | %35s |%n", "bare JDBC scan of the events table", scan, scan / sha, "");
        System.out.printf("| %-44s | %8.2f | %10.2f | %35s |%n", "AuditStore.verify(), warm JVM", inProcess, inProcess / sha, "");
        System.out.printf("| %-44s | %8.2f | %10.2f | %35.2f |%n", "belay audit verify (new JVM, whole command)",
                cli.wall(), cli.wall() / sha, cli.cpu());
        if (installed != null) {
            System.out.printf("| %-44s | %8.2f | %10.2f | %35.2f |%n", "the same through packaging/belay.sh (CDS)",
                    installed.wall(), installed.wall() / sha, installed.cpu());
        }
        System.out.printf("(load average at the end: %s)%n", Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** A command's wall time and the CPU time of its processes: on a shared machine the CPU is the steadier figure. */
    private record Timed(double wall, double cpu) { }

    private static NewEvent event(String run, int i) {
        NewEvent e = NewEvent.of(run, OP, "host-" + (i % 20), MIX[i % MIX.length]);
        e.payload().put("stepId", "step-" + (i / 6)).put("title", "Step " + (i / 6)).put("command", "systemctl restart app")
                .put("exitStatus", 0).put("durationMillis", 40 + i % 100).put("estimateSeconds", 30);
        return e;
    }

    /** SHA-256 (hex) of N rows of about the stored size, built in memory: the cost of hashing alone. */
    private static double plainSha256(int n) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        String prev = "0".repeat(64);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) { // the first round warms the JIT
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String row = prev + "[" + i + ",\"2026-12-01T18:00:00.123Z\",\"run-" + (i / 1000)
                        + "\",\"bench\",\"bench\",\"bench-host\",\"host-" + (i % 20) + "\",\"NOTE\",\"{\\\"stepId\\\":\\\"step-"
                        + (i / 6) + "\\\",\\\"title\\\":\\\"Step " + (i / 6) + "\\\",\\\"command\\\":\\\"systemctl restart app\\\","
                        + "\\\"exitStatus\\\":0,\\\"durationMillis\\\":" + (40 + i % 100) + ",\\\"estimateSeconds\\\":30}\"]";
                prev = hex.formatHex(md.digest(row.getBytes(StandardCharsets.UTF_8)));
            }
            best = Math.min(best, System.nanoTime() - s);
        }
        return best / 1e9;
    }

    /** Reads every column of every event with nothing else done: the cost of the database alone. */
    private static double bareScan(String url) throws Exception {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            long s = System.nanoTime();
            long chars = 0;
            try (Connection c = DriverManager.getConnection(url + ";LAZY_QUERY_EXECUTION=1");
                 PreparedStatement ps = c.prepareStatement("SELECT seq, ts, run_id, operator_name, operator_login,"
                         + " operator_machine, target_host, type, payload, prev_hash, hash FROM events ORDER BY seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chars += rs.getLong(1) + rs.getObject(2, java.time.OffsetDateTime.class).getNano();
                    for (int col = 3; col <= 11; col++) {
                        String v = rs.getString(col);
                        chars += v == null ? 0 : v.length();
                    }
                }
            }
            if (chars == 0) {
                throw new IllegalStateException("scan read nothing");
            }
            best = Math.min(best, System.nanoTime() - s);
        }
        return best / 1e9;
    }

    private static Timed cliVerify(String url, List<String> belay, Path home) throws Exception {
        long s = System.nanoTime();
        // Through sh, whose `times` then prints the CPU its children (the command's JVM) used.
        List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\"; rc=$?; times; exit $rc", "sh"));
        command.addAll(belay);
        command.addAll(List.of("audit", "verify", "--db", url));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // A home without checkpoint files: the operator's own ~/.belay/checkpoints is not this log's.
        pb.environment().put("HOME", home.toString());
        pb.environment().put("JDK_JAVA_OPTIONS", "-Duser.home=" + home); // the launcher's JVM reads home from passwd
        pb.environment().remove("BELAY_CHECKPOINTS");
        pb.environment().remove("BELAY_ALLOWED_SIGNERS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        double t = (System.nanoTime() - s) / 1e9;
        if (rc != 0 || !out.contains("chain intact")) {
            throw new IllegalStateException("belay audit verify failed (exit " + rc + "): " + out);
        }
        // `times` prints the shell's user and system time, then its children's: "0m6.120s 0m0.480s".
        List<String> lines = out.lines().filter(l -> l.matches("\\d+m[\\d.]+s \\d+m[\\d.]+s")).toList();
        if (lines.size() < 2) {
            throw new IllegalStateException("no CPU times from sh's `times` in: " + out);
        }
        String[] children = lines.get(lines.size() - 1).split(" ");
        return new Timed(t, seconds(children[0]) + seconds(children[1]));
    }

    private static double seconds(String minutesAndSeconds) {
        int m = minutesAndSeconds.indexOf('m');
        return Integer.parseInt(minutesAndSeconds.substring(0, m)) * 60
                + Double.parseDouble(minutesAndSeconds.substring(m + 1, minutesAndSeconds.length() - 1));
    }
}
