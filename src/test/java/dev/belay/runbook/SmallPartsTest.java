package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmallPartsTest {

    @Test
    void durationsParseAndFormat() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(61_500))).isEqualTo("1m1s500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "5 min", "", "1.5s", "m", "30m1h", "-1s", "10S", "1d"})
    void badDurationsAreRejectedWithTheFix(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("like 500ms, 10s, 5m, 2h or 1h30m");
    }

    @Test
    void varReferencesIgnoreShellDollars() {
        assertThat(VarReferences.find("echo ${vip} $HOME $(date) ${host.address} ${ host.rack }"))
                .extracting(VarReferences.Ref::name).containsExactly("vip", "host.address", " host.rack ");
        // Spaces are not trimmed away: substitution would not fill ${ host.rack }, so it must not validate.
        assertThat(VarReferences.find("${ host.rack }").get(0).wellFormed()).isFalse();
        assertThat(VarReferences.replace("a ${x} ${ x } ${host.n} ${1x}", r -> r.isHost() ? null : "X"))
                .isEqualTo("a X ${ x } ${host.n} ${1x}");
        VarReferences.Ref ref = VarReferences.find("a ${x}").get(0);
        assertThat(ref.start()).isEqualTo(2);
        assertThat(ref.end()).isEqualTo(6);
        assertThat(VarReferences.find("${1x}").get(0).wellFormed()).isFalse();
        assertThat(VarReferences.find("${host.rack}").get(0).hostKey()).isEqualTo("rack");
    }

    @Test
    void selectorsParse() {
        assertThat(Selectors.parse("controllers")).isEqualTo(new Selector.Named("controllers"));
        assertThat(Selectors.parse("c[2]")).isEqualTo(new Selector.Slice("c", 2, 3, true));
        assertThat(Selectors.parse("c[1:]")).isEqualTo(new Selector.Slice("c", 1, null, false));
        assertThat(Selectors.parse("c[:2]")).isEqualTo(new Selector.Slice("c", 0, 2, false));
        assertThat(Selectors.parse("c | min(load)"))
                .isEqualTo(new Selector.Extremum(new Selector.Named("c"), "load", false));
        for (String s : new String[] {"c[1:]", "c[0]", "c[2:5]", "c | max(seqno)", "c[1:] | min(x)"}) {
            assertThat(Selectors.parse(s).text()).isEqualTo(s);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"role[x]", "role | avg(v)", "", "a b", "c[3:1]", "c[1", "c |"})
    void badSelectorsAreRejected(String text) {
        assertThatThrownBy(() -> Selectors.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void suggestionsNeedOneOrTwoEdits() {
        assertThat(Suggestions.didYouMean("tiemout", java.util.List.of("timeout", "title")))
                .isEqualTo(" (did you mean 'timeout'?)");
        assertThat(Suggestions.didYouMean("banana", java.util.List.of("timeout"))).isEmpty();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
