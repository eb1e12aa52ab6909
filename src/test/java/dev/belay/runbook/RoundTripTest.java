package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** load -> write -> load gives an equal record, for every valid runbook. */
class RoundTripTest {

    static Stream<Path> validRunbooks() throws IOException {
        return RunbookFiles.allValid().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRunbooks")
    void writtenRunbookLoadsBackEqual(Path file) {
        RunbookLoader loader = new RunbookLoader();
        LoadResult<Runbook> first = loader.load(file);
        assertThat(first.problems()).isEmpty();
        String yaml = new RunbookWriter().write(first.value(), "../src/main/resources/schema/runbook.schema.json");
        LoadResult<Runbook> second = loader.load("written.yaml", yaml);
        assertThat(second.problems()).as(yaml).isEmpty();
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(new RunbookWriter().write(second.value(), null)).isEqualTo(yaml.substring(yaml.indexOf('\n') + 1));
    }
}
