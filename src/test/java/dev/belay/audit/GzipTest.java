package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Recording chunks are deflated by matching where matching pays, by Huffman coding alone where it
 * does not, and stored as they are where neither saves much (base64 and other noise); either way the
 * chunk reads back byte for byte as plain gzip.
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

    private static String lowercaseNoise(int chars, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        while (out.length() < chars) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static Gzip.Way way(String chunk) {
        return Gzip.fastWay(chunk.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void base64IsStoredNoiseOfFewLettersTakesHuffmanCodingAloneAndLineLikeOutputTakesMatching() {
        assertThat(way(base64Lines(200_000, 1))).isEqualTo(Gzip.Way.STORED);
        // as a recording stores it: in asciicast JSON, each line's end escaped
        String asJson = "[0.5,\"o\",\"" + base64Lines(200_000, 6).replace("\r\n", "\\r\\n") + "\"]\n";
        assertThat(way(asJson)).as("base64 in JSON").isEqualTo(Gzip.Way.STORED);
        assertThat(way(lowercaseNoise(200_000, 7))).as("26 letters: 4.7 bits each").isEqualTo(Gzip.Way.HUFFMAN_ONLY);
        assertThat(way(seqLines(1, 40_000))).isEqualTo(Gzip.Way.FASTEST_LEVEL);
        assertThat(way("tiny")).as("below two samples").isEqualTo(Gzip.Way.FASTEST_LEVEL);
    }

    @Test
    void everyKindOfChunkReadsBackAsItWas() {
        String[] chunks = {
            "", "x", seqLines(1, 40_000), base64Lines(300_000, 2),
            base64Lines(40_000, 3) + seqLines(1, 20_000) + "\u00e9t\u00e9 \u4e2d\u6587 \u001b[31mred\u001b[0m\r\n",
            seqLines(1, 5_000) + base64Lines(200_000, 4), lowercaseNoise(100_000, 8),
        };
        for (String chunk : chunks) {
            byte[] deflated = Gzip.compressFast(chunk.getBytes(StandardCharsets.UTF_8));
            assertThat(Gzip.decompress(deflated)).isEqualTo(chunk);
        }
    }

    @Test
    void aStoredChunkGrowsOnlyByGzipsFraming() {
        byte[] noise = base64Lines(500_000, 5).getBytes(StandardCharsets.UTF_8);
        // deflate's stored blocks take 5 bytes each (zlib makes them up to 64 KB); gzip's header and trailer 18
        assertThat(Gzip.compressFast(noise).length).isBetween(noise.length, noise.length + noise.length / 1000 + 64);
    }

    @Test
    void noiseOfFewLettersComesOutNoLargerThanWithMatching() {
        byte[] noise = lowercaseNoise(500_000, 9).getBytes(StandardCharsets.UTF_8);
        assertThat(Gzip.compressFast(noise).length).isLessThanOrEqualTo(Gzip.compress(new String(noise,
                StandardCharsets.UTF_8)).length);
    }
}
