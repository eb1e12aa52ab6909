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

        int exit = cli.run("test", "--coverage", "--markdown", dir.resolve("tests").toString());

        String out = cli.out.toString();
        assertThat(exit).as(out + cli.err).isZero();
        assertThat(out).containsPattern("flag\\s+gate of raise-flag\\s+a full disk stops the flag")
                .containsPattern("flag\\s+preflight says-hello\\s+unproven")
                .contains("1 proven, 1 unproven")
                .contains("| flag | gate of raise-flag | `full.yaml` |\n")
                .contains("| flag | preflight says-hello | **unproven** |\n");
    }

    /**
     * A check that gates by its exit status (a health script that exits 1) is proven by a fault by
     * hand that hits exactly its condition: the weakened check ignores the exit status too, so the
     * run goes on to the next step, which the scenario notices.
     */
    @Test
    void aCheckThatGatesByExitStatusIsProvenByAFaultByHand(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("svc.yaml"), """
                id: svc
                title: Touch a healthy service
                roles:
                  controllers: { min: 1, groups: [control] }
                preflight:
                  - id: install
                    title: Install
                    on: controllers
                    run: echo ok > "$HOME/health"
                  - id: healthy
                    title: Healthy
                    on: controllers
                    run: grep -q ok "$HOME/health" && echo status=ok
                    expect: [ { contains: status=ok } ]
                steps:
                  - id: touch
                    title: Touch it
                    on: controllers
                    run: echo touched > "$HOME/touched"
                """);
        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/down.yaml"), """
                name: a broken service stops the run
                runbook: ../svc.yaml
                lab:
                  hosts: 1
                  speed: 60
                  faults: [ { on: lab-1, run: echo down > "$HOME/health", at_step: healthy } ]
                expect:
                  outcome: stopped
                  at_step: healthy
                  checks: [ { on: lab-1, run: test ! -e "$HOME/touched" && echo untouched, expect: [ { contains: untouched } ] } ]
                """);
        Cli cli = new Cli();

        int exit = cli.run("test", "--coverage", dir.resolve("tests").toString());

        String out = cli.out.toString();
        assertThat(exit).as(out + cli.err).isZero();
        // `install` has no expectations: its exit status is its check, so it is listed, and unproven
        // since no scenario makes it fail.
        assertThat(out).containsPattern("svc\\s+preflight healthy\\s+a broken service stops the run")
                .containsPattern("svc\\s+preflight install\\s+.*unproven")
                .contains("1 proven, 1 unproven");
    }
}
