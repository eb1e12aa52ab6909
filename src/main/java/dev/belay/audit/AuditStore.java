package dev.belay.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.belay.audit.checkpoint.AllowedSigners;
import dev.belay.audit.checkpoint.Checkpoint;
import dev.belay.audit.checkpoint.CheckpointAudit;
import dev.belay.audit.checkpoint.CheckpointPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The append-only, hash-chained audit log. Every append returns only after its transaction
 * commits; secrets known to {@link #masker()} are masked before anything is stored.
 */
public final class AuditStore implements AutoCloseable {

    /** H2's VARCHAR limit; big text belongs in outputs, which are capped and compressed. */
    public static final int MAX_PAYLOAD_CHARS = 1_000_000;

    private final Database db;
    private final Connection writer;
    // Appends from this process queue here rather than on the database row lock.
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final GroupCommit groupCommit = new GroupCommit(writeLock, this::appendCommitted);
    private final SecretMasker masker = new SecretMasker();
    private final OutputStore outputs;
    private volatile int outputCapBytes = OutputStore.DEFAULT_CAP_BYTES;
    private final Checkpointing checkpointing = new Checkpointing(this);

    private final Clock clock;

    private AuditStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        // Connected first: H2 closes a file database with its last connection, so the schema check and
        // Flyway's own connections would otherwise each open it again.
        this.writer = db.connect();
        try {
            db.migrate();
        } catch (RuntimeException e) {
            try {
                writer.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        try {
            writer.setAutoCommit(false);
        } catch (SQLException e) {
            throw new AuditException("Cannot start transactions on " + db.redacted(), e);
        }
        this.outputs = new OutputStore(this);
    }

    /** Opens (creating or upgrading the schema) the audit log at any supported JDBC URL. */
    public static AuditStore open(String jdbcUrl) {
        return open(jdbcUrl, Clock.systemUTC());
    }

    /** As {@link #open(String)}, stamping events, outputs and recordings with {@code clock}'s time. */
    public static AuditStore open(String jdbcUrl, Clock clock) {
        return new AuditStore(new Database(jdbcUrl), clock);
    }

    /** Now, to the millisecond the log keeps. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Opens the default H2 file under {@code ~/.belay/audit}. */
    public static AuditStore openDefault() {
        return open(defaultUrl());
    }

    public static String defaultUrl() {
        return Database.defaultUrl();
    }

    /** An H2 file URL for a path without extension (the file will be PATH.mv.db). */
    public static String h2Url(java.nio.file.Path file) {
        return Database.h2FileUrl(file);
    }

    /** The masker applied to everything stored; add a run's secret values before its first event. */
    public SecretMasker masker() {
        return masker;
    }

    /** Outputs larger than this keep their head and tail; the rest is dropped and counted. */
    public void setOutputCapBytes(int bytes) {
        if (bytes < 64) {
            throw new IllegalArgumentException("output cap must be at least 64 bytes, was " + bytes);
        }
        this.outputCapBytes = bytes;
    }

    int outputCapBytes() {
        return outputCapBytes;
    }

    /** The clock that stamps events, for writers that put the time in the event itself. */
    public Clock clock() {
        return clock;
    }

    /** Appends one event durably and returns it as stored. */
    public AuditEvent append(NewEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    /** Appends events in one transaction: all are stored, in order, or none. */
    public List<AuditEvent> appendAll(List<NewEvent> events) {
        return submit(events).await();
    }

    /**
     * Queues events to append, in this order relative to every other submit, and returns at once;
     * {@link Pending#await()} returns once they are committed. Appends queued by many threads while
     * one transaction commits go together in the next (group commit): a burst of per-host events
     * costs one commit, not one each. Masking, serialising and the size check happen here, in the
     * caller's thread, so a bad event fails its own caller and never a group.
     */
    public Pending submit(List<NewEvent> events) {
        return submit(events, List.of());
    }

    /**
     * As {@link #submit(List)}, with outputs staged by {@link #stageOutput} that the events name: the
     * outputs go into the same transaction as the events, so a command's result costs no commit of
     * its own, and an event never names an output that a crash left unstored.
     */
    public Pending submit(List<NewEvent> events, List<StagedOutput> withOutputs) {
        List<Prepared> prepared = new ArrayList<>(events.size());
        for (NewEvent e : events) {
            prepared.add(prepare(e));
        }
        Pending p = new Pending(prepared, List.copyOf(withOutputs));
        if (!prepared.isEmpty() || !withOutputs.isEmpty()) {
            groupCommit.enqueue(p);
        } else {
            p.finish(List.of(), null);
        }
        return p;
    }

    /** Events submitted and not yet known to be committed; {@link #await()} makes them so. */
    public final class Pending {
        private final List<Prepared> events;
        private final List<StagedOutput> outputs;
        private List<EventRows.Row> rows;
        private List<AuditEvent> stored;
        private AuditException failure;
        private volatile boolean done;

        private Pending(List<Prepared> events, List<StagedOutput> outputs) {
            this.events = events;
            this.outputs = outputs;
        }

        /** By the committer: these events' rows, or why they could not be stored. */
        void finish(List<EventRows.Row> r, AuditException f) {
            rows = r;
            failure = f;
            done = true;
        }

        boolean done() {
            return done;
        }

        /** Blocks until these events are committed (or failed) and returns them as stored. */
        public List<AuditEvent> await() {
            groupCommit.commitUntilDone(this);
            if (failure != null) {
                throw new AuditException(failure.getMessage(), failure);
            }
            synchronized (this) {
                if (stored == null) {
                    // Turned into events here, by their own waiter, not by the committer under the write lock.
                    stored = rows.stream().map(EventRows.Row::toEvent).toList();
                }
            }
            checkpointing.appended(stored); // after COMMIT and outside the write lock: signing may take a while
            return stored;
        }
    }

    /** An event masked and serialised, waiting for its place in the chain. */
    private record Prepared(NewEvent event, Operator operator, String host, String payload) { }

    private Prepared prepare(NewEvent e) {
        String payload;
        try {
            payload = EventRows.JSON.writeValueAsString(masker.mask(e.payload()));
        } catch (JsonProcessingException ex) {
            throw new AuditException("Cannot serialise the payload of a " + e.type() + " event", ex);
        }
        if (payload.length() > MAX_PAYLOAD_CHARS) {
            throw new AuditException("The payload of a " + e.type() + " event is " + payload.length()
                    + " characters, over the limit of " + MAX_PAYLOAD_CHARS + ": store large text with storeOutput()"
                    + " and put the returned id in the event");
        }
        Operator op = new Operator(masker.mask(e.operator().name()), e.operator().login(), e.operator().machine());
        return new Prepared(e, op, masker.mask(e.targetHost()), payload);
    }

    /** One transaction for a group of submits: their outputs, then their events chained in order. */
    private List<List<EventRows.Row>> appendCommitted(List<Pending> group) {
        return inTransaction(c -> {
            List<StagedOutput> staged = new ArrayList<>();
            for (Pending p : group) {
                staged.addAll(p.outputs);
            }
            outputs.insert(c, staged);
            long seq;
            String prev;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT last_seq, last_hash FROM chain_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AuditException("The chain head row is missing in " + db.redacted()
                            + "; the database was tampered with (run 'belay audit verify')");
                }
                seq = rs.getLong(1);
                prev = rs.getString(2);
            }
            List<List<EventRows.Row>> rows = new ArrayList<>(group.size());
            Instant ts = now();
            try (PreparedStatement ps = c.prepareStatement(EventRows.INSERT)) {
                for (Pending p : group) {
                    List<EventRows.Row> mine = new ArrayList<>(p.events.size());
                    for (Prepared e : p.events) {
                        EventRows.Row row = seal(e, ++seq, ts, prev);
                        mine.add(row);
                        prev = row.hash();
                        EventRows.bind(ps, row);
                        ps.addBatch();
                    }
                    rows.add(mine);
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                ps.setLong(1, seq);
                ps.setString(2, prev);
                ps.executeUpdate();
            }
            return rows;
        });
    }

    private static EventRows.Row seal(Prepared p, long seq, Instant ts, String prev) {
        NewEvent e = p.event();
        String hash = HashChain.hash(prev, seq, ts, e.runId(), p.operator(), p.host(), e.type().name(), p.payload());
        return new EventRows.Row(seq, ts, e.runId(), p.operator(), p.host(), e.type().name(), p.payload(), prev, hash);
    }

    // --- checkpoints (dev.belay.audit.checkpoint; docs/audit.md) ---

    /** From now on, sign checkpoints: at each run's end, every N events, and at close. */
    public void checkpointWith(CheckpointPolicy policy) {
        checkpointing.policy(policy);
    }

    /** Signs a checkpoint of {@code at} now; empty without a policy or when signing failed. */
    public Optional<Checkpoint> checkpoint(AuditEvent at) {
        return checkpointing.sign(at);
    }

    /** Why the last checkpoint could not be signed, if it could not. */
    public Optional<String> checkpointProblem() {
        return checkpointing.problem();
    }

    /** The checkpoints stored in the database: all ({@code runId} null) or one run's. */
    public List<Checkpoint> checkpoints(String runId) {
        return read(c -> CheckpointRows.list(c, runId));
    }

    /**
     * Holds the log against every checkpoint it can find: the database's, the {@code files} given,
     * and the files the database says checkpoints were appended to.
     */
    public CheckpointAudit.Report verifyCheckpoints(List<CheckpointAudit.Source> files, AllowedSigners allowed) {
        return read(c -> {
            List<CheckpointAudit.Source> sources = new ArrayList<>(files);
            for (String named : CheckpointRows.files(c)) {
                java.nio.file.Path p = java.nio.file.Path.of(named);
                if (sources.stream().noneMatch(s -> s.file().toAbsolutePath().equals(p))) {
                    sources.add(new CheckpointAudit.Source(p, true, "checkpoints in the database were written to it"));
                }
            }
            return CheckpointAudit.check(CheckpointRows.logId(c), CheckpointRows.lastSeq(c), seq -> {
                try {
                    return CheckpointRows.eventAt(c, seq);
                } catch (SQLException e) {
                    throw new AuditException("Audit read failed on " + db.redacted() + ": " + e.getMessage(), e);
                }
            }, CheckpointRows.list(c, null), sources, allowed);
        });
    }

    // --- end checkpoints ---

    /** Recomputes the whole chain and names the first event that does not check out. */
    public VerifyResult verify() {
        return read(c -> new ChainVerifier(db, c).verify());
    }

    /** Every event of a run, in order. */
    public List<AuditEvent> timeline(String runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + EventRows.COLUMNS + " FROM events WHERE run_id = ? ORDER BY seq")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return EventRows.readAll(rs);
                }
            }
        });
    }

    /** Runs matching the query, newest first. */
    public List<RunSummary> runs(RunQuery query) {
        return read(c -> new RunQueries(c, outputs).runs(query));
    }

    /** One run's summary, if any event names it. */
    public Optional<RunSummary> run(String runId) {
        return read(c -> new RunQueries(c, outputs).run(runId));
    }

    /** Per-step durations of a run against estimates and the median of earlier runs of its runbook. */
    public List<StepDuration> stepDurations(String runId) {
        return read(c -> new RunQueries(c, outputs).stepDurations(runId));
    }

    /**
     * Masks, caps and compresses a command's output now, to be stored with the events of a later
     * {@link #submit(List, List)} (one transaction, no commit of its own); put {@code ref().id()} in the event.
     */
    public StagedOutput stageOutput(String runId, String targetHost, String text) {
        return outputs.stage(runId, targetHost, text);
    }

    /** Stores a command's output (masked, capped, compressed) and returns its reference. */
    public OutputRef storeOutput(String runId, String targetHost, String text) {
        return outputs.store(runId, targetHost, text);
    }

    public OutputRef storeOutput(String runId, String targetHost, byte[] bytes) {
        return outputs.store(runId, targetHost, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The stored text of an output, as masked and capped. */
    public Optional<String> readOutput(String outputId) {
        return read(c -> outputs.read(c, outputId));
    }

    /** Starts recording a terminal session as asciicast v2; close the recording when the session ends. */
    public Recording startRecording(String runId, String targetHost, int width, int height, String title) {
        return Recording.start(this, runId, targetHost, width, height, title);
    }

    /** A recording's asciicast v2 text, ready for {@code asciinema play}. */
    public Optional<String> readRecording(String recordingId) {
        return read(c -> Recording.read(c, recordingId));
    }

    /** The recordings made during a run, in start order. */
    public List<RecordingRef> recordings(String runId) {
        return read(c -> Recording.list(c, runId));
    }

    /** A short description of where this store lives, without credentials. */
    public String location() {
        return db.redacted();
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs work on the single writer connection and commits before returning. */
    <T> T inTransaction(SqlWork<T> work) {
        writeLock.lock();
        try {
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                if (e instanceof AuditException ae) {
                    throw ae;
                }
                throw new AuditException("Audit write failed on " + db.redacted() + ": " + e.getMessage(), e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    /** Runs read-only work on its own connection, so reviewers never wait for writers. */
    <T> T read(SqlWork<T> work) {
        try (Connection c = db.connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new AuditException("Audit read failed on " + db.redacted() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        checkpointing.closing();
        writeLock.lock();
        try {
            writer.close();
        } catch (SQLException e) {
            throw new AuditException("Cannot close " + db.redacted(), e);
        } finally {
            writeLock.unlock();
        }
    }
}
