package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.LoggedEvent;
import dev.belay.testing.TestClock;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import dev.belay.audit.Recording;
import dev.belay.audit.RecordingRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Step boundaries in a terminal recording: marker frames stored in a real H2 audit log come out of
 * {@code belay audit cast} as asciicast v2 "m" events in order and at their times, and the exported
 * file still matches the SHA-256 sealed in TERMINAL_CLOSED, with the hash chain intact.
 */
class RecordingMarkersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void markersRoundTripIntoTheCastAsMarkerEventsAndTheSealStillMatches() throws Exception {
        String url = AuditStore.h2Url(dir.resolve("audit"));
        TestClock clock = TestClock.ticking(TestClock.MORNING);
        Operator op = new Operator("carol", "carol", "ws-3");
        RecordingRef sealed;
        try (AuditStore store = AuditStore.open(url, clock)) {
            try (Recording rec = store.startRecording("run-7", "db-1", 80, 24, "db-1 terminal")) {
                rec.marker("check-disk: Check free disk");
                rec.output("$ df -h\r\n/dev/sda1 40%\r\n");
                clock.advance(Duration.ofSeconds(3));
                rec.marker("stop-db: Stop the database");
                rec.marker("upgrade-db: Upgrade the database"); // two boundaries in a row stay two events
                rec.output("$ systemctl stop mariadb\r\n");
                sealed = rec.finish();
            }
            store.append(NewEvent.of("run-7", op, "db-1", new LoggedEvent.TerminalClosed(clock.instant(), "db-1",
                    sealed.id(), sealed.sha256())));
        }

        Cli cli = new Cli();
        Path cast = dir.resolve("db-1.cast");
        assertThat(cli.run("audit", "cast", sealed.id(), "--out", cast.toString(), "--db", url))
                .as(cli.err.toString()).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(cast).subList(1, Files.readAllLines(cast).size())) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).extracting(e -> e.get(1).asText()).containsExactly("m", "o", "m", "m", "o");
        List<JsonNode> markers = events.stream().filter(e -> "m".equals(e.get(1).asText())).toList();
        assertThat(markers).extracting(e -> e.get(2).asText()).containsExactly("check-disk: Check free disk",
                "stop-db: Stop the database", "upgrade-db: Upgrade the database");
        assertThat(markers.get(0).get(0).asDouble()).isLessThan(1.0);
        assertThat(markers.get(1).get(0).asDouble()).isBetween(3.0, 4.0);

        String fileSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(cast)));
        try (AuditStore store = AuditStore.open(url)) {
            String inLog = store.timeline("run-7").stream().map(AuditEvent::event)
                    .filter(LoggedEvent.TerminalClosed.class::isInstance).map(LoggedEvent.TerminalClosed.class::cast)
                    .findFirst().orElseThrow().sha256();
            assertThat(fileSha).isEqualTo(inLog).isEqualTo(sealed.sha256());
        }
        assertThat(cli.run("audit", "verify", "--db", url)).as(cli.err.toString()).isZero();
    }
}
