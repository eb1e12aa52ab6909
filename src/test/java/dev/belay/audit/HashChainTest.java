package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written canonical form must hash exactly as the Jackson form existing logs were sealed with. */
class HashChainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The format as first written: a Jackson array of the columns, after the previous hash. */
    private static String jacksonHash(String prev, long seq, Instant ts, String runId, Operator op,
                                      String host, String type, String payload) throws Exception {
        ArrayNode a = JSON.createArrayNode();
        a.add(seq).add(ts.toString()).add(runId).add(op.name()).add(op.login()).add(op.machine())
                .add(host).add(type).add(payload);
        return HashChain.sha256(prev + JSON.writeValueAsString(a));
    }

    @Test
    void matchesTheJacksonFormOnAwkwardText() throws Exception {
        String[] awkward = {"", "plain", "quote \" and \\ backslash", "tab\tnew\nline\r\b\f", "\u0000\u0001\u001f\u007f",
            "é ü 中文 🙂", "\ud800 lone surrogate", "{\"json\":\"in \\\"json\\\"\"}", "/slash/", "\u2028\u2029"};
        Instant ts = Instant.parse("2026-12-01T18:00:00.123Z");
        for (String s : awkward) {
            Operator op = new Operator(s, "login", "machine");
            assertThat(HashChain.hash(HashChain.GENESIS, 7, ts, s, op, s, "NOTE", s))
                    .as("text %s", s)
                    .isEqualTo(jacksonHash(HashChain.GENESIS, 7, ts, s, op, s, "NOTE", s));
        }
    }

    @Test
    void matchesTheJacksonFormOnRandomText() throws Exception {
        Random random = new Random(14);
        String prev = HashChain.GENESIS;
        for (int i = 0; i < 2000; i++) {
            String text = randomText(random);
            Operator op = new Operator("Alice " + text, "alice", "laptop");
            String host = i % 3 == 0 ? null : "host-" + text;
            Instant ts = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L));
            String ours = HashChain.hash(prev, i + 1, ts, "run-" + i, op, host, "COMMAND_FINISHED", text);
            assertThat(ours).isEqualTo(jacksonHash(prev, i + 1, ts, "run-" + i, op, host, "COMMAND_FINISHED", text));
            prev = ours;
        }
    }

    @Test
    void aHugePayloadHashesLikeASmallOne() throws Exception {
        String big = "x\"y\n".repeat(200_000);
        Operator op = new Operator("a", "b", "c");
        Instant ts = Instant.EPOCH;
        assertThat(HashChain.hash(HashChain.GENESIS, 1, ts, "r", op, null, "NOTE", big))
                .isEqualTo(jacksonHash(HashChain.GENESIS, 1, ts, "r", op, null, "NOTE", big));
        assertThat(HashChain.hash(HashChain.GENESIS, 2, ts, "r", op, null, "NOTE", "small"))
                .isEqualTo(jacksonHash(HashChain.GENESIS, 2, ts, "r", op, null, "NOTE", "small"));
    }

    /** Verify holds the digest against the stored hex without writing it out: exactly what equals would say. */
    @Test
    void sealsAgreesWithTheHashItWouldWrite() {
        Random random = new Random(7);
        String prev = HashChain.GENESIS;
        for (int i = 0; i < 500; i++) {
            String text = randomText(random);
            String ts = Instant.ofEpochMilli(random.nextLong(0, 4_000_000_000_000L)).toString();
            long seq = i == 0 ? 0 : random.nextLong(1, Long.MAX_VALUE);
            String hash = HashChain.hash(prev, seq, ts, "run", "alice", "alice", "ws", "h", "NOTE", text);
            assertThat(HashChain.seals(hash, prev, seq, ts, "run", "alice", "alice", "ws", "h", "NOTE", text)).isTrue();
            char[] flipped = hash.toCharArray();
            int at = random.nextInt(flipped.length);
            flipped[at] = flipped[at] == '0' ? '1' : '0';
            assertThat(HashChain.seals(new String(flipped), prev, seq, ts, "run", "alice", "alice", "ws", "h", "NOTE", text))
                    .isFalse();
            assertThat(HashChain.seals(hash, prev, seq + 1, ts, "run", "alice", "alice", "ws", "h", "NOTE", text)).isFalse();
            assertThat(HashChain.seals(hash, prev, seq, ts, "run", "alice", "alice", "ws", "h", "NOTE", text + " "))
                    .isFalse();
            prev = hash;
        }
        String hash = HashChain.hash(prev, 1, "t", "r", "n", "l", "m", null, "NOTE", "{}");
        for (String stored : new String[] {null, "", hash.substring(1), hash + "0", hash.toUpperCase(java.util.Locale.ROOT)}) {
            assertThat(HashChain.seals(stored, prev, 1, "t", "r", "n", "l", "m", null, "NOTE", "{}")).as(stored).isFalse();
        }
    }

    private static String randomText(Random random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
            int pick = random.nextInt(10);
            b.append(switch (pick) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> '"';
                case 2 -> '\\';
                case 3 -> (char) random.nextInt(0x80, 0x800);
                case 4 -> (char) random.nextInt(0xD800, 0xE000); // surrogates, paired or not
                case 5 -> (char) random.nextInt(0xE000, 0x10000);
                default -> (char) random.nextInt(0x20, 0x7F);
            });
        }
        return b.toString();
    }
}
