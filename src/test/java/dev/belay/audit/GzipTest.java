package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Recording chunks are deflated by matching where matching pays and by Huffman coding alone where
 * it does not (base64 and other noise); either way the chunk reads back byte for byte as plain gzip.
 */
class GzipTest {

    private static String base64Lines(int chars, long seed) {
        Random random = new Random(seed);
        byte[] raw = new byte[75];
        StringBuilder out = new StringBuilder();
        while (out.length() < chars) {
            random.nextBytes(raw);
            out.append(Base64.getEncoder().encodeToString(raw)).append("\r\n");
        }
        return out.toString();
    }

    private static String seqLines(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i <= to; i++) {
            out.append(i).append("\r\n");
        }
        return out.toString();
    }

    @Test
    void base64TakesHuffmanCodingAloneAndLineLikeOutputTakesMatching() {
        assertThat(Gzip.huffmanOnlyPays(base64Lines(200_000, 1).getBytes(StandardCharsets.UTF_8))).isTrue();
        // as a recording stores it: in asciicast JSON, each line's end escaped
        String asJson = "[0.5,\"o\",\"" + base64Lines(200_000, 6).replace("\r\n", "\\r\\n") + "\"]\n";
        assertThat(Gzip.huffmanOnlyPays(asJson.getBytes(StandardCharsets.UTF_8))).as("base64 in JSON").isTrue();
        assertThat(Gzip.huffmanOnlyPays(seqLines(1, 40_000).getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Gzip.huffmanOnlyPays("tiny".getBytes(StandardCharsets.UTF_8))).as("below two samples").isFalse();
    }

    @Test
    void everyKindOfChunkReadsBackAsItWas() {
        String[] chunks = {
            "", "x", seqLines(1, 40_000), base64Lines(300_000, 2),
            base64Lines(40_000, 3) + seqLines(1, 20_000) + "\u00e9t\u00e9 \u4e2d\u6587 \u001b[31mred\u001b[0m\r\n",
            seqLines(1, 5_000) + base64Lines(200_000, 4),
        };
        for (String chunk : chunks) {
            byte[] deflated = Gzip.compressFast(chunk.getBytes(StandardCharsets.UTF_8));
            assertThat(Gzip.decompress(deflated)).isEqualTo(chunk);
        }
    }

    @Test
    void base64ComesOutNoLargerThanWithMatching() {
        byte[] noise = base64Lines(500_000, 5).getBytes(StandardCharsets.UTF_8);
        assertThat(Gzip.compressFast(noise).length).isLessThanOrEqualTo(Gzip.compress(new String(noise,
                StandardCharsets.UTF_8)).length);
    }
}
