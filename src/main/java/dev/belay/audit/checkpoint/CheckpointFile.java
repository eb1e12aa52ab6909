package dev.belay.audit.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The copy of the checkpoints outside the database: one JSON object per line, appended (under a file
 * lock, forced to disk) and never rewritten. Each line carries the fields, the exact signed
 * {@code message} and the armored {@code signature}, so {@code jq -j} can feed {@code ssh-keygen -Y verify}.
 */
public final class CheckpointFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a file held: the checkpoints, and the lines that were not checkpoints. */
    public record Contents(Path file, List<Checkpoint> checkpoints, List<String> badLines) { }

    private CheckpointFile() { }

    /** The default: {@code ~/.belay/checkpoints}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".belay", "checkpoints");
    }

    public static void append(Path file, Checkpoint c) throws IOException {
        ObjectNode o = JSON.createObjectNode().put("log", c.logId()).put("run", c.runId()).put("seq", c.seq())
                .put("hash", c.hash()).put("time", c.time().toString()).put("signer", c.signer())
                .put("message", c.message()).put("signature", c.signature());
        byte[] line = (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
             FileLock ignored = ch.lock()) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
    }

    public static Contents read(Path file) throws IOException {
        List<Checkpoint> out = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode o = JSON.readTree(line);
                Checkpoint c = new Checkpoint(o.path("log").asText(), o.path("run").asText(), o.path("seq").asLong(),
                        o.path("hash").asText(), Instant.parse(o.path("time").asText()), o.path("signer").asText(),
                        o.path("signature").asText());
                if (o.has("message") && !o.path("message").asText().equals(c.message())) {
                    bad.add("line " + n + ": its message does not match its fields");
                }
                out.add(c);
            } catch (IOException | RuntimeException e) {
                bad.add("line " + n + ": not a checkpoint (" + e.getMessage() + ")");
            }
        }
        return new Contents(file, out, bad);
    }
}
