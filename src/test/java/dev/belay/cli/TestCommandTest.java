package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code belay test} must be able to fail: a wrong expectation fails its row, bad files are refused before any lab starts. */
class TestCommandTest {

    private static final String RUNBOOK = Path.of("runbooks/practice-upgrade.yaml").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private Path scenario(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml.replace("RUNBOOK", RUNBOOK));
        return f;
    }

    @Test
    void aScenarioThatExpectsTheWrongOutcomeFails() throws IOException {
        Path f = scenario("wrong.yaml", """
                name: wrongly expects completion
                runbook: RUNBOOK
                lab:
                  hosts: 3
                  speed: 60
                  faults:
                    - { fault: connection-drop@lab-1, at_step: rolling-restart }
                    - { fault: slow@lab-2, at_step: publish }
                expect:
                  outcome: completed
                  untouched: [lab-2]
                  checks:
                    - on: lab-2
                      run: cat "$HOME/practice-svc/run/version"
                      expect: [ { matches: '^2\\.0$' } ]
                """);
        Cli cli = new Cli();

        int exit = cli.run("test", f.toString());

        String out = cli.out.toString();
        assertThat(exit).as(out + cli.err).isEqualTo(1);
        assertThat(out).containsPattern("wrongly expects completion\\s+completed\\s+stopped at rolling-restart\\s+\\S+s\\s+FAIL")
                .contains("expected completed, got stopped at rolling-restart")
                // what the stopping step saw on the host it did not pass: a race's only evidence once the lab is gone
                .containsPattern("wrongly expects completion: on lab-1: (failed|outcome_unknown) after \\d+ attempt")
                // in the desktop's words (FailureSummary), the engine's labels put into plain ones
                .containsPattern("on lab-1: \\S+ after \\d+ attempt\\(s\\)(, [^.]+)?\\. Expected output contains \"running_version=2\\.0\";")
                .contains("      expectation contains: status=ok failed")
                // lab-2 was preflighted, so "untouched" over the whole run must fail
                .contains("host lab-2 should be untouched but ran a command: lab-2 (install-v1)")
                .contains("check on lab-2 `cat \"$HOME/practice-svc/run/version\"`: matches")
                // the run stopped before publish: a fault timed for it must not count as tested
                .contains("fault slow@lab-2 never struck: step publish never started")
                .contains("0 passed, 1 failed");
    }

    @Test
    void aLabThatCannotStartFailsItsOwnRowAndTheRowsKeepTheFilesOrder() throws IOException {
        String yaml = """
                name: NAME
                runbook: RUNBOOK
                lab: { hosts: 3, speed: 60 }
                expect: { outcome: completed }
                """;
        Path first = scenario("1.yaml", yaml.replace("NAME", "first"));
        Path second = scenario("2.yaml", yaml.replace("NAME", "second"));
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
        Cli cli = new Cli();

        int exit = cli.run("test", "--jobs", "2", "--work-dir", notAFolder.toString(), second.toString(), first.toString());

        String out = cli.out.toString();
        assertThat(exit).as(out + cli.err).isEqualTo(1);
        // the order the files were named in, whichever lab gave up first
        assertThat(out).containsPattern("(?s)second\\s+completed\\s+lab failed\\s+\\S+s\\s+FAIL\\nfirst\\s+completed\\s+lab failed")
                .contains("first: the lab did not start: ").contains("0 passed, 2 failed");
    }

    @Test
    void fewerThanOneJobIsBadInput() {
        Cli cli = new Cli();

        assertThat(cli.run("test", "--jobs", "0", dir.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--jobs must be at least 1, got 0");
        assertThat(cli.out.toString()).doesNotContain("running");
    }

    @Test
    void anUnknownRunbookIsBadInputWithItsPlace() throws IOException {
        Path f = scenario("norunbook.yaml", """
                name: x
                runbook: ../nowhere.yaml
                lab: { hosts: 1 }
                expect: { outcome: completed }
                """);
        Cli cli = new Cli();

        assertThat(cli.run("test", f.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains(f + ":2:10: runbook ").contains("nowhere.yaml does not exist")
                .contains("nothing was run");
        assertThat(cli.out.toString()).doesNotContain("running");
    }

    @Test
    void anUnknownFaultABadStepAndAStrangeHostAreBadInputWithTheirPlaces() throws IOException {
        Path f = scenario("bad.yaml", """
                name: x
                runbook: RUNBOOK
                lab:
                  hosts: 3
                  faults:
                    - fault: disk-ful@lab-1
                    - fault: slow@lab-2
                      at_step: rolling-restrat
                    - fault: slow@lab-9
                expect:
                  outcome: stopped
                  at_step: bakup
                  untouched: [lab-4]
                  checks:
                    - { on: lab-1, run: "true", expect: [ { contain: x } ] }
                """);
        Cli cli = new Cli();

        assertThat(cli.run("test", f.toString())).isEqualTo(2);
        String err = cli.err.toString();
        assertThat(err).contains(f + ":6:14: unknown fault 'disk-ful'")
                .contains(f + ":8:16: no step 'rolling-restrat' in the runbook (in fault 2) (did you mean 'rolling-restart'?)")
                .contains(f + ":9:14: lab: fault slow@lab-9 names no lab host")
                .contains(f + ":12:12: no step 'bakup' in the runbook (in 'expect') (did you mean 'backup'?)")
                .contains(f + ":13:15: no host 'lab-4' in a lab of 3")
                .contains(f + ":15:45: unknown key 'contain' in expectation 1 of check 1 (did you mean 'contains'?)");
    }

    @Test
    void aMissingPathIsBadInput() {
        Cli cli = new Cli();

        assertThat(cli.run("test", dir.resolve("none").toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("none: no such file or folder");
    }

    @Test
    void stoppedWithoutAStepIsBadInput() throws IOException {
        Path f = scenario("nostep.yaml", """
                name: x
                runbook: RUNBOOK
                lab: { hosts: 1 }
                expect: { outcome: stoped }
                """);
        Cli cli = new Cli();

        assertThat(cli.run("test", f.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains(f + ":4:20: unknown outcome 'stoped'");
    }
}
