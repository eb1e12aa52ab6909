package dev.belay.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records a terminal session as asciicast v2, stored in compressed chunks as it goes so a killed
 * process keeps what was flushed. Secrets are masked, also across chunk joins, and whatever is
 * typed at a password prompt is stored as {@value SecretMasker#MASK} and masked from then on.
 * Step boundaries are marker events ({@link #marker}).
 */
public final class Recording implements AutoCloseable {

    /**
     * Characters of frames stored as one chunk at most (a larger frame is one chunk of its own). Each
     * chunk is a commit, and an H2 commit rewrites pages beside the data: a flood handed over in 64 K
     * reads and stored at 16 K a chunk cost a third more recorder CPU and left an H2 file 2.5 times
     * the size of the chunks in it (RecorderBenchmark). A killed process loses at most this much of a
     * flood (a few milliseconds of it) besides the newest frame, which always waits for the next.
     */
    private static final int CHUNK_CHARS = 256 * 1024;
    private static final double FLUSH_SECONDS = 2.0;
    private static final int MIN_TYPED_SECRET = 4;

    private final AuditStore store;
    private final RecordingRef ref;
    private final PromptDetector prompt = new PromptDetector();
    private final StringBuilder typedSecret = new StringBuilder();
    private final List<Frame> pending = new ArrayList<>();
    private final MessageDigest digest;
    private int nextChunk;
    private boolean inSecret;
    private boolean closed;
    /** Frame times never go backwards, even if the wall clock is set back during a session. */
    private double lastTime;

    private record Frame(double time, String kind, String data) { }

    private Recording(AuditStore store, RecordingRef ref) {
        this.store = store;
        this.ref = ref;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Recording start(AuditStore store, String runId, String host, int width, int height, String title) {
        Instant started = store.now();
        RecordingRef ref = new RecordingRef(UUID.randomUUID().toString(), runId, host, started, title, null);
        Recording r = new Recording(store, ref);
        ObjectNode header = EventRows.JSON.createObjectNode().put("version", 2).put("width", width)
                .put("height", height).put("timestamp", started.getEpochSecond());
        if (title != null) {
            header.put("title", store.masker().mask(title));
        }
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO recordings (id, run_id, target_host, started, "
                    + "width, height, title) VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, ref.id());
                ps.setString(2, runId);
                ps.setString(3, host);
                ps.setObject(4, started.atOffset(ZoneOffset.UTC));
                ps.setInt(5, width);
                ps.setInt(6, height);
                ps.setString(7, title == null ? null : store.masker().mask(title));
                return ps.executeUpdate();
            }
        });
        r.writeChunk((header + "\n").getBytes(StandardCharsets.UTF_8));
        return r;
    }

    public String id() {
        return ref.id();
    }

    /** Output shown by the terminal. */
    public synchronized void output(String data) {
        prompt.output(data);
        add("o", data);
    }

    /**
     * A step boundary: an asciicast v2 marker event ({@code [t, "m", label]}) that players list as
     * chapters. Stored and sealed like any frame, so old recordings without markers read the same.
     */
    public synchronized void marker(String label) {
        add("m", label);
    }

    /** Keystrokes sent by the operator; masked whole while answering a password prompt. */
    public synchronized void input(String data) {
        for (char ch : data.toCharArray()) {
            if (!inSecret && prompt.active()) {
                inSecret = true;
                typedSecret.setLength(0);
            }
            if (!inSecret) {
                add("i", String.valueOf(ch));
            } else if (ch == '\r' || ch == '\n') {
                // The password stays masked everywhere after; a short answer ("y" to "change password?")
                // would mask every such letter, so only the frame itself is masked then.
                if (typedSecret.length() >= MIN_TYPED_SECRET) {
                    store.masker().add(typedSecret.toString());
                }
                typedSecret.setLength(0);
                inSecret = false;
                prompt.answered();
                add("i", SecretMasker.MASK + ch);
            } else if (ch == '\u007f' || ch == '\b') {
                typedSecret.setLength(Math.max(0, typedSecret.length() - 1));
            } else {
                typedSecret.append(ch);
            }
        }
    }

    /** Joins a frame to the previous one of its kind when that one ends with the start of a secret. */
    private void add(String kind, String data) {
        if (closed) {
            throw new IllegalStateException("recording " + ref.id() + " is finished; start a new one");
        }
        double t = Math.max(lastTime, java.time.Duration.between(ref.started(), store.now()).toMillis() / 1e3);
        lastTime = t;
        Frame last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null && !kind.equals("m") && last.kind().equals(kind) && (store.masker().mayContinue(last.data())
                || (kind.equals("i") && last.data().length() < 64))) {
            pending.set(pending.size() - 1, new Frame(last.time(), kind, last.data() + data));
        } else {
            pending.add(new Frame(t, kind, data));
        }
        // Store at least every few seconds, so a killed process loses little of a quiet session.
        if (t - pending.get(0).time() > FLUSH_SECONDS || pending.stream().mapToInt(f -> f.data().length()).sum() > CHUNK_CHARS) {
            flushFrames(pending.size() - 1); // the newest frame may still join the next one
        }
    }

    /** Stores everything recorded so far. */
    public synchronized void flush() {
        flushFrames(pending.size());
    }

    private void flushFrames(int count) {
        if (count <= 0) {
            return;
        }
        List<Frame> frames = pending.subList(0, count);
        CastLine lines = new CastLine(frames.stream().mapToInt(f -> f.data().length() + 32).sum());
        for (Frame f : frames) {
            lines.append(Math.round(f.time() * 1e6) / 1e6, f.kind(), store.masker().mask(f.data()));
        }
        frames.clear();
        writeChunk(lines.toBytes());
    }

    private void writeChunk(byte[] utf8) {
        int no = nextChunk++;
        digest.update(utf8);
        byte[] data = Gzip.compressFast(utf8);
        store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO recording_chunks (recording_id, chunk_no, data) VALUES (?,?,?)")) {
                ps.setString(1, ref.id());
                ps.setInt(2, no);
                ps.setBytes(3, data);
                return ps.executeUpdate();
            }
        });
    }

    /** Flushes and returns the reference with the SHA-256 of the whole cast, for the TERMINAL_CLOSED event. */
    public synchronized RecordingRef finish() {
        if (!closed) {
            flush();
            closed = true;
        }
        return new RecordingRef(ref.id(), ref.runId(), ref.targetHost(), ref.started(), ref.title(),
                HexFormat.of().formatHex(((MessageDigest) cloneDigest()).digest()));
    }

    private Object cloneDigest() {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        finish();
    }

    static Optional<String> read(Connection c, String id) throws SQLException {
        StringBuilder cast = new StringBuilder();
        boolean any = false;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT data FROM recording_chunks WHERE recording_id = ? ORDER BY chunk_no")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    any = true;
                    cast.append(Gzip.decompress(rs.getBytes(1)));
                }
            }
        }
        return any ? Optional.of(cast.toString()) : Optional.empty();
    }

    static List<RecordingRef> list(Connection c, String runId) throws SQLException {
        List<RecordingRef> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, run_id, target_host, started, title "
                + "FROM recordings WHERE run_id = ? ORDER BY started, id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordingRef(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), null));
                }
            }
        }
        return out;
    }
}
