package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.inventory.InventoryLoader;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Files that are large, odd or hostile load to problems (or values), never to an exception. */
class OddFilesTest {

    private final RunbookLoader loader = new RunbookLoader();

    /** Every step of a 5 MB file is read and checked: the one problem, in the last step, is found and placed. */
    @Test
    void fiveMegabyteRunbookIsReadToTheEnd() {
        StringBuilder sb = new StringBuilder("id: big\ntitle: Big\nroles:\n  web:\nvars:\n  v: {}\nsteps:\n");
        int n = 0;
        while (sb.length() < 5 * 1024 * 1024) {
            sb.append("  - id: s").append(n).append("\n    title: Step ").append(n++)
                    .append("\n    on: web[0]\n    run: echo ${v} && echo ").append("x".repeat(60))
                    .append("\n    expect:\n      - matches: 'x{3}'\n");
        }
        long lines = sb.chars().filter(c -> c == '\n').count();
        sb.append("  - { id: last, title: Last, wait: 1 }\n");
        LoadResult<Runbook> r = loader.load("big.yaml", sb.toString());
        assertThat(r.problems()).extracting(Problem::toString).containsExactly("big.yaml:" + (lines + 1)
                + ":36: bad duration '1': write a number with a unit, like 500ms, 10s, 5m, 2h or 1h30m"
                + " ('wait' in step 'last')");
        assertThat(r.positions().at("steps/" + (n - 1) + "/run").line()).isEqualTo((int) lines - 2);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(400)];
            random.nextBytes(junk);
            assertThat(loader.load("junk.yaml", junk).problems()).isNotEmpty();
            assertThat(new InventoryLoader().load("junk.yaml", junk).problems()).isNotEmpty();
        }
    }

    @Test
    void randomTextMutationsOfAValidRunbookNeverThrow() {
        String valid = "id: a\ntitle: A\nroles: { web: {} }\nvars: { v: {} }\nsteps:\n"
                + "  - { id: s, title: S, on: web | max(x), run: 'echo ${v}', expect: [ { number: { match: '(\\d+)', min: 1 } } ] }\n"
                + "  - id: t\n    title: T\n    terminal: web[0]\n    run: top\n    gate: { on: web, run: x }\n";
        Random random = new Random(7);
        String alphabet = "{}[]:,-|&*!%@`'\"\t\n #${}()0a";
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder(valid);
            for (int k = 0; k < 3; k++) {
                sb.setCharAt(random.nextInt(sb.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            LoadResult<Runbook> r = loader.load("m.yaml", sb.toString());
            assertThat(r.value() == null).isEqualTo(!r.problems().isEmpty());
        }
    }

    @Test
    void tabsInsideTextAreFineButNotAsIndentation() {
        String ok = "id: a\ntitle: \"tab\there\"\nsteps:\n  - { id: s, title: S, confirm: \"a\tb\" }\n";
        assertThat(loader.load("ok.yaml", ok).problems()).isEmpty();
    }

    @Test
    void bomIsAccepted() {
        byte[] body = "id: a\ntitle: A\nsteps:\n  - { id: s, title: S, wait: 2h }\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        LoadResult<Runbook> r = loader.load("bom.yaml", withBom);
        assertThat(r.problems()).isEmpty();
        assertThat(r.sha256()).isEqualTo(dev.belay.runbook.yaml.YamlSource.sha256(withBom));
    }

    @Test
    void oversizedFileIsRefusedUpFront() {
        byte[] huge = new byte[dev.belay.runbook.yaml.YamlSource.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '#');
        assertThat(loader.load("huge.yaml", huge).problems()).extracting(Problem::message)
                .containsExactly("file is 16 MB; the limit is 16 MB: split it into several runbooks");
    }
}
