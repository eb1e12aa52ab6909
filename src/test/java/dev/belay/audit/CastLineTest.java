package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frames are written by hand for speed; they must be the very text Jackson wrote for them before
 * (recordings and their sealed hashes look as they did), and valid JSON a player reads back.
 */
class CastLineTest {

    /** The text Jackson wrote for a frame, as the chunk stored it. */
    private static byte[] jackson(double time, String kind, String data) {
        ArrayNode line = EventRows.JSON.createArrayNode();
        line.add(time).add(kind).add(data);
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mine(double time, String kind, String data) {
        return new CastLine(0).append(time, kind, data).toBytes();
    }

    @Test
    void everyCharacterIsWrittenAsJacksonWritesIt() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);
        }
        all.append("\uD83D\uDE00 \u00e9t\u00e9 \u001b[31mred\u001b[0m\r\n\"quoted\" back\\slash \u007f");
        String data = all.toString();
        assertThat(mine(1.5, "o", data)).isEqualTo(jackson(1.5, "o", data));
        assertThat(mine(0.25, "i", "\r")).isEqualTo(jackson(0.25, "i", "\r"));
        assertThat(mine(3, "m", "step \"2\": restart")).isEqualTo(jackson(3, "m", "step \"2\": restart"));
        assertThat(mine(2, "o", "")).isEqualTo(jackson(2, "o", ""));
    }

    @Test
    void framesFollowEachOtherAndPairsAcrossTheEscapingBlocksStayWhole() {
        String emoji = "\uD83D\uDE00";
        for (int at = 8180; at < 8200; at++) {
            String data = "x".repeat(at) + emoji + "\u001b[0m".repeat(3000) + "\u00e9" + emoji;
            assertThat(mine(1, "o", data)).as("pair at %d", at).isEqualTo(jackson(1, "o", data));
        }
        byte[] two = new CastLine(0).append(0.5, "o", "a\r\n").append(0.75, "i", "ls\r").toBytes();
        assertThat(new String(two, StandardCharsets.UTF_8)).isEqualTo("[0.5,\"o\",\"a\\r\\n\"]\n[0.75,\"i\",\"ls\\r\"]\n");
    }

    @Test
    void timesAreWrittenAsJacksonWritesThem() {
        for (double t : List.of(0.0, 1e-6, 0.000123, 0.001, 0.5, 1.0, 59.999999, 12345.678901, 1e7, 123456789.123456)) {
            double rounded = Math.round(t * 1e6) / 1e6;
            assertThat(mine(rounded, "o", "x")).as("time %s", t).isEqualTo(jackson(rounded, "o", "x"));
        }
    }

    @Test
    void aLineReadsBackAsItsFrame() throws Exception {
        String data = "\u0000\u0001\u001f tab\there \"q\" \\ \uD83D\uDE00\r\n";
        var read = EventRows.JSON.readTree(mine(4.25, "o", data));
        assertThat(read.get(0).asDouble()).isEqualTo(4.25);
        assertThat(read.get(1).asText()).isEqualTo("o");
        assertThat(read.get(2).asText()).isEqualTo(data);
    }
}
