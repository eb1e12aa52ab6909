package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.app.scenario.ScenarioFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped scenarios, run as CI runs them: {@code belay test runbooks/tests}, each on a fresh
 * sandboxed practice lab. A runbook change that breaks a gate the scenarios prove fails the build here.
 */
class ShippedScenariosTest {

    @Test
    void everyShippedScenarioPasses() {
        Cli cli = new Cli();

        int exit = cli.run("test", "runbooks/tests");

        assertThat(exit).as(cli.out + "\n" + cli.err).isZero();
        assertThat(cli.out.toString())
                .containsPattern("practice-upgrade completes\\s+completed\\s+completed\\s+\\S+s\\s+pass")
                .containsPattern("stopped at rolling-restart\\s+stopped at rolling-restart\\s+\\S+s\\s+pass")
                .contains(" 0 failed");
    }

    /** The slow scenarios stay out of CI's runs, but not out of its reading: a renamed step breaks them here. */
    @Test
    void theSlowScenariosStillLoad() {
        List<Path> files = ScenarioFiles.find(List.of(Path.of("runbooks/tests/slow")));
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(ScenarioFiles.load(f).problems()).as(f.toString()).isEmpty();
        }
    }
}
