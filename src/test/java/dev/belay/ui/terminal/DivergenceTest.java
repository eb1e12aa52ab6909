package dev.belay.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The odd one out after a broadcast command, worked out without a screen. */
class DivergenceTest {

    private static Map<String, String> outputs(String... hostAndOutput) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < hostAndOutput.length; i += 2) {
            m.put(hostAndOutput[i], hostAndOutput[i + 1]);
        }
        return m;
    }

    @Test
    void theHostThatDiffersFromTheMajorityIsMarkedWithItsLines() {
        String same = "mariadb 10.6.16\nwsrep_ready ON\ncluster size 3\n";
        Divergence.Result r = Divergence.of(outputs("db-1", same, "db-2",
                "mariadb 10.6.16\nwsrep_ready OFF\ncluster size 3\n", "db-3", same));
        assertThat(r.majorityHosts()).containsExactly("db-1", "db-3");
        assertThat(r.divergent()).singleElement().satisfies(d -> {
            assertThat(d.host()).isEqualTo("db-2");
            assertThat(d.changedLines()).isEqualTo(1);
            assertThat(d.percent()).isEqualTo(33);
            assertThat(d.summary()).isEqualTo("differs from the majority by 1 line (33%)");
            assertThat(d.rows()).containsExactly(new Divergence.Row("wsrep_ready ON", "wsrep_ready OFF", true));
        });
    }

    @Test
    void lineEndingsAndTrailingBlanksDoNotCount() {
        Divergence.Result r = Divergence.of(outputs("a", "ok\nready\n", "b", "ok  \r\nready\r\n\r\n", "c", "ok\nready"));
        assertThat(r.allAgree()).isTrue();
        assertThat(r.majorityHosts()).containsExactly("a", "b", "c");
    }

    @Test
    void extraAndMissingLinesCountAsDifferences() {
        Divergence.Result r = Divergence.of(outputs("a", "1\n2\n3", "b", "1\n2\n3", "c", "1\n3\n4\n5"));
        Divergence.HostDivergence c = r.divergent().get(0);
        assertThat(c.host()).isEqualTo("c");
        assertThat(c.changedLines()).isEqualTo(3);
        assertThat(c.rows()).extracting(Divergence.Row::majority).contains("2");
        assertThat(c.rows()).extracting(Divergence.Row::host).contains("4", "5");
    }

    @Test
    void aTieKeepsTheFirstGroupAsTheReference() {
        Divergence.Result r = Divergence.of(outputs("a", "x", "b", "y"));
        assertThat(r.majorityHosts()).containsExactly("a");
        assertThat(r.divergent()).extracting(Divergence.HostDivergence::host).containsExactly("b");
        assertThat(Divergence.of(Map.of()).allAgree()).isTrue();
    }
}
