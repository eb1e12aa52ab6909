package dev.belay.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Command outputs beside the events: masked, capped (head and tail kept), gzip-compressed. */
final class OutputStore {

    static final int DEFAULT_CAP_BYTES = 1024 * 1024;

    private final AuditStore store;

    OutputStore(AuditStore store) {
        this.store = store;
    }

    OutputRef store(String runId, String host, String text) {
        StagedOutput staged = stage(runId, host, text);
        store.inTransaction(c -> insert(c, List.of(staged)));
        return staged.ref();
    }

    /** Masked, capped and compressed in the caller's thread; stored by {@link #insert}. */
    StagedOutput stage(String runId, String host, String text) {
        String masked = store.masker().mask(text == null ? "" : text);
        byte[] bytes = masked.getBytes(StandardCharsets.UTF_8);
        Capped capped = cap(bytes, store.outputCapBytes());
        String sha = HashChain.sha256(capped.text());
        OutputRef ref = new OutputRef(UUID.randomUUID().toString(), bytes.length, capped.dropped(), sha);
        return new StagedOutput(ref, runId, host, Gzip.compress(capped.text()));
    }

    /** Inside the caller's transaction. */
    int insert(Connection c, List<StagedOutput> staged) throws SQLException {
        if (staged.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outputs (id, run_id, target_host, created, "
                + "original_bytes, dropped_bytes, sha256, data) VALUES (?,?,?,?,?,?,?,?)")) {
            for (StagedOutput s : staged) {
                OutputRef ref = s.ref();
                ps.setString(1, ref.id());
                ps.setString(2, s.runId);
                ps.setString(3, s.host);
                ps.setObject(4, store.now().atOffset(ZoneOffset.UTC));
                ps.setLong(5, ref.originalBytes());
                ps.setLong(6, ref.droppedBytes());
                ps.setString(7, ref.sha256());
                ps.setBytes(8, s.data);
                ps.addBatch();
            }
            return ps.executeBatch().length;
        }
    }

    record Capped(String text, long dropped) { }

    /** Keeps the head and the tail (cut on UTF-8 character boundaries) and says what was dropped between. */
    static Capped cap(byte[] bytes, int capBytes) {
        if (bytes.length <= capBytes) {
            return new Capped(new String(bytes, StandardCharsets.UTF_8), 0);
        }
        int headEnd = boundary(bytes, capBytes / 2);
        int tailStart = boundary(bytes, bytes.length - capBytes / 2);
        long dropped = tailStart - headEnd;
        String text = new String(bytes, 0, headEnd, StandardCharsets.UTF_8)
                + "\n[... belay dropped " + dropped + " bytes of output here ...]\n"
                + new String(bytes, tailStart, bytes.length - tailStart, StandardCharsets.UTF_8);
        return new Capped(text, dropped);
    }

    /** Moves an index back off UTF-8 continuation bytes so no character is split. */
    private static int boundary(byte[] bytes, int index) {
        int i = index;
        while (i > 0 && i < bytes.length && (bytes[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

    Optional<String> read(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM outputs WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Gzip.decompress(rs.getBytes(1))) : Optional.empty();
            }
        }
    }

    /** The runs among {@code runIds} with an output containing {@code text}. */
    Set<String> runsWithText(Connection c, List<String> runIds, String text) throws SQLException {
        Set<String> hits = new HashSet<>();
        for (int from = 0; from < runIds.size(); from += 500) {
            List<String> part = new ArrayList<>(runIds.subList(from, Math.min(runIds.size(), from + 500)));
            String marks = String.join(",", part.stream().map(r -> "?").toList());
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT run_id, data FROM outputs WHERE run_id IN (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!hits.contains(rs.getString(1)) && Gzip.decompress(rs.getBytes(2)).contains(text)) {
                            hits.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return hits;
    }
}
