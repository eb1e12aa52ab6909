package dev.belay.audit.bench;

import dev.belay.audit.AuditStore;
import dev.belay.audit.Recording;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Not a test: the terminal recorder's CPU alone (no terminal, no SSH), for the two floods of
 * {@code bench/terminal.sh}: 20 MB of base64 (76-character lines) handed over in 1 M-character
 * pieces, as {@code SessionRecord} joins them under a flood, and {@code seq 1 300000} in 64 K pieces,
 * as the emulator's reads come. Each round records into a new H2 file and reads the recording back
 * to check it. Storage {@code schema} keeps the chunks' column as the schema makes it (a BLOB on
 * H2); {@code binary} changes it to BINARY VARYING first (stored in the row, not as an H2 large
 * object), so the two run alternated in one JVM. CPU is the recording thread's, the process's (the
 * JIT and GC included) and H2's own threads' (its LOB cleaner among them), per round.
 * Usage: RecorderBenchmark WORK_DIR [ROUNDS] [STORAGE...] (schema, binary; default schema)
 * System properties: feeds (base64,seq), base64.piece (characters per handover, 1048576).
 */
public final class RecorderBenchmark {

    private RecorderBenchmark() { }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> storages = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("schema");
        Files.createDirectories(work);
        List<String> base64 = pieces(base64Lines(20 << 20), Integer.getInteger("base64.piece", 1 << 20));
        List<String> seq = pieces(seqLines(300_000), 64 << 10);
        System.out.printf("%-6s %-7s %5s %10s %12s %10s %8s %8s %7s%n", "feed", "storage", "round", "thread s",
                "process s", "others s", "gc ms", "frames", "MB db");
        int n = 0;
        for (int round = 1; round <= rounds; round++) {
            for (String storage : storages) {
                for (String feed : List.of(System.getProperty("feeds", "base64,seq").split(","))) {
                    Path dir = Files.createDirectories(work.resolve("r" + (n++)));
                    run(feed, storage, round, dir, feed.equals("base64") ? base64 : seq);
                }
            }
        }
    }

    private static void run(String feed, String storage, int round, Path dir, List<String> pieces) throws Exception {
        String url = AuditStore.h2Url(dir.resolve("belay"));
        AuditStore.open(url).close();
        if (storage.equals("binary")) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE recording_chunks ALTER COLUMN data SET DATA TYPE BINARY VARYING");
            }
        } else if (!storage.equals("schema")) {
            throw new IllegalArgumentException("storage " + storage + ": use schema or binary");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        String id;
        long frames;
        long thread;
        long process;
        long gc;
        long others;
        try (AuditStore store = AuditStore.open(url)) {
            java.util.Map<Long, Long> before = otherThreads(threads);
            long g0 = gcMillis();
            long p0 = os.getProcessCpuTime();
            long t0 = threads.getCurrentThreadCpuTime();
            Recording rec = store.startRecording("bench", "host", 120, 32, "bench");
            for (String piece : pieces) {
                rec.output(piece);
            }
            rec.finish();
            thread = threads.getCurrentThreadCpuTime() - t0;
            process = os.getProcessCpuTime() - p0;
            gc = gcMillis() - g0;
            others = 0;
            for (var e : otherThreads(threads).entrySet()) {
                others += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
            id = rec.id();
            String cast = store.readRecording(id).orElseThrow();
            long expected = pieces.stream().mapToLong(String::length).sum();
            if (cast.length() < expected) {
                throw new IllegalStateException("recording too short: " + cast.length() + " < " + expected);
            }
            frames = cast.lines().count();
        }
        long bytes;
        try (var files = Files.list(dir)) {
            bytes = files.mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf("%-6s %-7s %5d %10.3f %12.3f %10.3f %8d %8d %7.1f%n", feed, storage, round, thread / 1e9,
                process / 1e9, others / 1e9, gc, frames, bytes / 1e6);
    }

    /** CPU so far of every live thread but this one (H2's writer and LOB cleaner among them). */
    private static java.util.Map<Long, Long> otherThreads(ThreadMXBean threads) {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        long self = Thread.currentThread().getId();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (id != self && cpu > 0) {
                out.put(id, cpu);
            }
        }
        return out;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static String base64Lines(int bytes) {
        byte[] raw = new byte[bytes * 3 / 4];
        new Random(42).nextBytes(raw);
        return Base64.getMimeEncoder(76, "\r\n".getBytes()).encodeToString(raw) + "\r\n";
    }

    private static String seqLines(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            b.append(i).append("\r\n");
        }
        return b.toString();
    }

    private static List<String> pieces(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }
}
