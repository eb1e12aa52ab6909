package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code belay test --coverage} tells a gate a scenario depends on from one no scenario notices:
 * the flag step ignores its failed write when lab-1's disk is full and only the gate stops the run,
 * so without the gate's expectation the run completes and the scenario fails (proven); the preflight
 * greeting passes either way (unproven).
 */
class TestCoverageTest {

    @Test
    void aGateTheScenarioNeedsIsProvenAndAGreetingIsNot(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("flag.yaml"), """
                id: flag
                title: Raise a flag behind a gate
                roles:
                  controllers: { min: 1, groups: [control] }
                preflight:
                  - id: says-hello
                    title: The host answers
                    on: controllers
                    run: echo hello
                    expect: [ { contains: hello } ]
                steps:
                  - id: raise-flag
                    title: Raise the flag
                    on: controllers
                    serial: 1
                    run: echo up > "$HOME/flag" || echo "could not raise the flag (ignored)"
                    gate:
                      on: controllers
                      run: echo "flag=$(cat "$HOME/flag" 2>/dev/null || echo none)"
                      expect: [ { contains: flag=up } ]
                """);
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/full.yaml"), """
                name: a full disk stops the flag
                runbook: ../flag.yaml
                lab:
                  hosts: 1
                  speed: 60
                  faults: [ { fault: disk-full@lab-1, at_step: raise-flag } ]
                expect: { outcome: stopped, at_step: raise-flag }
                """);
        Cli cli = new Cli();

        int exit = cli.run("test", "--coverage", dir.resolve("tests").toString());

        String out = cli.out.toString();
        assertThat(exit).as(out + cli.err).isZero();
        assertThat(out).containsPattern("flag\\s+gate of raise-flag\\s+a full disk stops the flag")
                .containsPattern("flag\\s+preflight says-hello\\s+unproven")
                .contains("1 proven, 1 unproven");
    }
}
