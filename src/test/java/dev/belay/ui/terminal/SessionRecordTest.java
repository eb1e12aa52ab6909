package dev.belay.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.belay.audit.AuditStore;
import dev.belay.audit.Operator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A terminal session's recording in a real H2 store: output joined under a flood keeps its order. */
class SessionRecordTest {

    @Test
    void aFloodOfOutputWithMarkersAndInputIsRecordedInOrder() throws Exception {
        Path dir = Files.createTempDirectory("belay-session-record");
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            SessionRecord record = SessionRecord.open(
                    new TerminalAudit(store, "run-1", new Operator("alice", "alice", "ws-1")), "lab-1", 80, 24);
            List<String[]> sent = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                String line = "line " + i + "\r\n";
                record.output(line);
                sent.add(new String[] {"o", line});
                if (i % 1000 == 500) {
                    record.marker("step " + i);
                    sent.add(new String[] {"m", "step " + i});
                }
                if (i % 1000 == 700) {
                    record.input("ls\r");
                    sent.add(new String[] {"i", "ls\r"});
                }
            }
            record.finish().get(60, TimeUnit.SECONDS);

            String cast = store.readRecording(record.recordingId()).orElseThrow();
            List<String[]> recorded = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String l : cast.lines().skip(1).toList()) {
                JsonNode frame = json.readTree(l);
                recorded.add(new String[] {frame.get(1).asText(), frame.get(2).asText()});
            }
            assertThat(joinRuns(recorded)).isEqualTo(joinRuns(sent));
        }
    }

    /** Consecutive output or input frames as one (how they are split is the recorder's business). */
    private static List<String> joinRuns(List<String[]> frames) {
        List<String> runs = new ArrayList<>();
        String kind = null;
        StringBuilder run = new StringBuilder();
        for (String[] f : frames) {
            if (!f[0].equals(kind) || f[0].equals("m")) {
                if (kind != null) {
                    runs.add(kind + ":" + run);
                }
                kind = f[0];
                run.setLength(0);
            }
            run.append(f[1]);
        }
        runs.add(kind + ":" + run);
        return runs;
    }
}
