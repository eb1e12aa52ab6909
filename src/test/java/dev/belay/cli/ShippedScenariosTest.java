package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
                .containsPattern("stops when a node cannot rejoin\\s+stopped at start\\s+stopped at start\\s+\\S+s\\s+pass")
                .containsPattern("nova-cells-v2-placement completes\\s+completed\\s+completed\\s+.+\\s+pass")
                .contains(" 0 failed");
    }
}
