package dev.belay.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Walks the events in sequence order, recomputing each hash and its link to the one before.
 * Rows stream (H2 lazily, PostgreSQL through a cursor) and are hashed straight from their columns:
 * holding a million-row result or building an event object per row cost more than the hashing.
 *
 * <p>On H2 a large log is read in {@code parts} sequence ranges at once, each on its own connection
 * and thread (decoding H2's rows is most of a verify, and it is per row, so it divides by the cores).
 * Each part checks its own rows; the seams are checked after: each part's first {@code prev_hash}
 * must be the last hash of the part before. That fast path only ever answers "intact": at the first
 * doubt of any part it gives way to the one-reader walk, which finds and words the first break exactly
 * as it always has ({@code ChainVerifierTest} holds the two against each other, seams included).
 */
final class ChainVerifier {

    /** A log is split only when each part would get at least this many events. */
    static final int MIN_EVENTS_PER_PART = 20_000;

    private final Database db;
    private final Connection c;
    private final int parts;
    private final int minEventsPerPart;
    private final Pause pause;

    /** The points between a verify's reads; tests hold a verify at one while they append. */
    enum Stage { HEAD_READ, ROWS_READ }

    @FunctionalInterface
    interface Pause {
        Pause NONE = stage -> { };

        void at(Stage stage);
    }

    ChainVerifier(Database db, Connection c) {
        this(db, c, Math.min(4, Runtime.getRuntime().availableProcessors()), MIN_EVENTS_PER_PART);
    }

    ChainVerifier(Database db, Connection c, int parts, int minEventsPerPart) {
        this(db, c, parts, minEventsPerPart, Pause.NONE);
    }

    ChainVerifier(Database db, Connection c, int parts, int minEventsPerPart, Pause pause) {
        this.db = db;
        this.c = c;
        this.parts = Math.max(1, parts);
        this.minEventsPerPart = Math.max(1, minEventsPerPart);
        this.pause = pause;
    }

    /**
     * The log as it stood when the verify began: the head is read first, then the rows up to it. Every
     * row up to the head was committed with or before it (an append moves the head in the same
     * transaction), so appends that land while the rows stream are later rows, neither read nor missed,
     * and never taken for events deleted from the end. Rows past the head the verify began with are
     * checked only for one thing: that the head has caught up with them (else the head was moved back).
     */
    VerifyResult verify() throws SQLException {
        if (db.isPostgres()) {
            c.setAutoCommit(false); // PostgreSQL only streams with a cursor inside a transaction
        }
        Head head = head(c);
        pause.at(Stage.HEAD_READ);
        if (head != null && !db.isPostgres() && parts > 1) {
            Optional<VerifyResult> fast = inParts(head);
            if (fast.isPresent()) {
                return fast.get();
            }
        }
        return walk(head);
    }

    /** The chain head row: the last event's number and hash, as one read. */
    private record Head(long seq, String hash) { }

    /** The head now; null when its row is gone. */
    private static Head head(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT last_seq, last_hash FROM chain_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    /**
     * The one-reader walk: the reference, and the one that names the first break. It reads up to
     * {@code head} (everything when the head row is missing: no append can have come then).
     */
    private VerifyResult walk(Head head) throws SQLException {
        if (!db.isPostgres()) {
            lazy(c);
        }
        long last = head == null ? Long.MAX_VALUE : head.seq();
        long expected = 1;
        String prev = HashChain.GENESIS;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EventRows.COLUMNS + " FROM events ORDER BY seq")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (expected <= last && rs.next()) {
                    VerifyResult broken = check(rs, expected, prev);
                    if (broken != null) {
                        return broken;
                    }
                    prev = rs.getString(11);
                    expected++;
                }
            }
        }
        pause.at(Stage.ROWS_READ);
        if (head == null) {
            return new VerifyResult.Broken(expected, "the chain head row was deleted");
        }
        if (expected <= head.seq()) {
            return new VerifyResult.Broken(expected, "events " + expected + " to " + head.seq()
                    + " are missing: deleted from the end of the log");
        }
        if (!headCaughtUp()) {
            return beyondTheHead(head.seq(), prev);
        }
        return endsAt(head, prev);
    }

    /** The head read first against the last row read up to it. */
    private static VerifyResult endsAt(Head head, String lastHash) {
        if (!head.hash().equals(lastHash)) {
            return new VerifyResult.Broken(Math.max(1, head.seq()), "the chain head does not match event "
                    + head.seq() + ": the end of the log was rewritten");
        }
        return new VerifyResult.Intact(head.seq(), lastHash);
    }

    /**
     * Whether the head is now at or past the last row. The rows' end is read first: a row seen there
     * was committed together with a head at least as far on, so only a head moved back, or deleted,
     * can be behind it.
     */
    private boolean headCaughtUp() throws SQLException {
        long lastRow;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM events")) {
            rs.next();
            lastRow = rs.getLong(1);
        }
        Head now = head(c);
        return now != null && now.seq() >= lastRow;
    }

    /**
     * The head is behind rows it should cover, or gone: tampered with, so no append can come (each
     * would take a number already used, or find no head). The rows past {@code from} are walked as
     * before and the head held against the last, as the walk has always worded it.
     */
    private VerifyResult beyondTheHead(long from, String prevHash) throws SQLException {
        long expected = from + 1;
        String prev = prevHash;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + EventRows.COLUMNS + " FROM events WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, from);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    VerifyResult broken = check(rs, expected, prev);
                    if (broken != null) {
                        return broken;
                    }
                    prev = rs.getString(11);
                    expected++;
                }
            }
        }
        return checkHead(expected - 1, prev);
    }

    /** Without it H2 builds the whole result first, spilling past its in-memory row limit to a temp file. */
    private static void lazy(Connection conn) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
    }

    /**
     * The log up to the head read in sequence ranges at once; empty when the log is too small to split
     * or when anything does not check out (then {@link #walk} says what and where).
     */
    Optional<VerifyResult> inParts() throws SQLException {
        Head head = head(c);
        return head == null ? Optional.empty() : inParts(head);
    }

    private Optional<VerifyResult> inParts(Head head) throws SQLException {
        long last = head.seq();
        // Only the first number: a count of the rows up to the head would read every row (H2 counts a
        // whole table from its metadata, but not a range). Each part checks its range is complete.
        long first;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(seq) FROM events")) {
            rs.next();
            first = rs.getLong(1);
        }
        int k = (int) Math.min(parts, last / minEventsPerPart);
        if (k < 2 || first != 1) {
            return Optional.empty();
        }
        ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
            Thread t = new Thread(r, "belay-verify");
            t.setDaemon(true);
            return t;
        });
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<Part>> futures = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                long lo = 1 + last * i / k;
                long hi = last * (i + 1) / k;
                futures.add(pool.submit(() -> part(lo, hi, stop)));
            }
            String prev = HashChain.GENESIS;
            for (Future<Part> f : futures) {
                Part p = f.get();
                if (p == null || !p.firstPrev().equals(prev)) {
                    return Optional.empty();
                }
                prev = p.lastHash();
            }
            pause.at(Stage.ROWS_READ);
            if (!prev.equals(head.hash()) || !headCaughtUp()) {
                return Optional.empty();
            }
            return Optional.of(new VerifyResult.Intact(last, prev));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new AuditException("Verify failed reading " + db.redacted() + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("Verify of " + db.redacted() + " was interrupted", e);
        } finally {
            // Not shutdownNow: an interrupted H2 read can close the database file under every connection,
            // the caller's included. The parts see the stop at their next row and close their own
            // connections before this returns, so none outlives the verify.
            stop.set(true);
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
            }
        }
    }

    /** The ends of a range whose rows all check out among themselves. */
    private record Part(String firstPrev, String lastHash) { }

    /** Rows lo..hi on a connection of its own; null at the first row that does not check out, or once told to stop. */
    private Part part(long lo, long hi, AtomicBoolean stop) throws SQLException {
        try (Connection own = db.connect()) {
            lazy(own);
            try (PreparedStatement ps = own.prepareStatement(
                    "SELECT " + EventRows.COLUMNS + " FROM events WHERE seq BETWEEN ? AND ? ORDER BY seq")) {
                ps.setLong(1, lo);
                ps.setLong(2, hi);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    String firstPrev = rs.getString(10);
                    String prev = firstPrev;
                    long expected = lo;
                    do {
                        if (stop.get() || check(rs, expected, prev) != null) {
                            return null;
                        }
                        prev = rs.getString(11);
                        expected++;
                    } while (rs.next());
                    return expected == hi + 1 ? new Part(firstPrev, prev) : null;
                }
            }
        }
    }

    /** The row under the cursor, in {@link EventRows#COLUMNS} order, against the chain so far. */
    private static VerifyResult check(ResultSet rs, long expected, String prev) throws SQLException {
        long seq = rs.getLong(1);
        if (seq != expected) {
            return new VerifyResult.Broken(expected, "event " + expected + " is missing: deleted"
                    + (seq - expected > 1 ? " (up to event " + (seq - 1) + ")" : ""));
        }
        String prevHash = rs.getString(10);
        if (!prev.equals(prevHash)) {
            return new VerifyResult.Broken(seq, "event " + seq + " does not follow event "
                    + (seq - 1) + ": events were reordered, or the event before was replaced");
        }
        String ts = instantText(rs.getObject(2, OffsetDateTime.class));
        if (!HashChain.seals(rs.getString(11), prevHash, seq, ts, rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))) {
            return new VerifyResult.Broken(seq, "event " + seq
                    + " does not match its hash: its row was edited");
        }
        return null;
    }

    /**
     * Exactly {@code t.toInstant().toString()}, which sealed the event, without a formatter per row
     * (it was a twentieth of a verify): UTC times of years 1000 to 9999, to the millisecond or whole
     * second as the log stores them, written directly; anything else through {@link java.time.Instant}.
     */
    static String instantText(OffsetDateTime t) {
        LocalDateTime d = t.toLocalDateTime();
        int nano = d.getNano();
        if (!t.getOffset().equals(ZoneOffset.UTC) || d.getYear() < 1000 || d.getYear() > 9999 || nano % 1_000_000 != 0) {
            return t.toInstant().toString();
        }
        char[] b = new char[nano == 0 ? 20 : 24];
        digits(b, 0, d.getYear(), 4);
        b[4] = '-';
        digits(b, 5, d.getMonthValue(), 2);
        b[7] = '-';
        digits(b, 8, d.getDayOfMonth(), 2);
        b[10] = 'T';
        digits(b, 11, d.getHour(), 2);
        b[13] = ':';
        digits(b, 14, d.getMinute(), 2);
        b[16] = ':';
        digits(b, 17, d.getSecond(), 2);
        if (nano != 0) {
            b[19] = '.';
            digits(b, 20, nano / 1_000_000, 3);
        }
        b[b.length - 1] = 'Z';
        return new String(b);
    }

    private static void digits(char[] b, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private VerifyResult checkHead(long lastSeq, String lastHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_seq, last_hash FROM chain_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return new VerifyResult.Broken(lastSeq + 1, "the chain head row was deleted");
            }
            long headSeq = rs.getLong(1);
            if (headSeq > lastSeq) {
                return new VerifyResult.Broken(lastSeq + 1, "events " + (lastSeq + 1) + " to " + headSeq
                        + " are missing: deleted from the end of the log");
            }
            if (headSeq < lastSeq || !rs.getString(2).equals(lastHash)) {
                return new VerifyResult.Broken(Math.max(1, lastSeq), "the chain head does not match event "
                        + lastSeq + ": the end of the log was rewritten");
            }
            return new VerifyResult.Intact(lastSeq, lastHash);
        }
    }
}
