package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code belay audit compare A B} on two real runs of one runbook on the practice lab: a rehearsal that passed, then one that failed. */
class AuditCompareCommandTest {

    private static final String RUNBOOK = """
            id: compare-me
            title: Greet, then count
            component: test
            revision: 1
            roles:
              controllers: { min: 1 }
            vars:
              greeting: { default: hello }
            steps:
              - id: greet
                title: Greet
                on: controllers
                run: echo "${greeting} from $(hostname)"
                expect: [ { contains: hello } ]
              - id: count
                title: Count
                on: controllers
                run: echo 3
            """;

    @TempDir
    static Path dir;
    static PracticeLab lab;
    static String db;
    static String passed;
    static String failed;

    @BeforeAll
    static void twoRuns() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 2, 0));
        Path rb = Files.writeString(dir.resolve("compare-me.yaml"), RUNBOOK);
        db = AuditStore.h2Url(dir.resolve("audit"));
        passed = run(rb, "--rehearsal");
        failed = run(rb, "--var", "greeting=bye");
    }

    private static String run(Path rb, String... extra) {
        Cli cli = new Cli();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", rb.toString(), "--inventory",
                lab.inventoryPath().toString(), "--db", db, "--known-hosts", lab.knownHostsPath().toString(), "--quiet"));
        args.addAll(java.util.List.of(extra));
        cli.run(args.toArray(String[]::new));
        Matcher m = Pattern.compile("^run (\\S+):", Pattern.MULTILINE).matcher(cli.out.toString());
        assertThat(m.find()).as(cli.out + "\n" + cli.err).isTrue();
        return m.group(1);
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    @Test
    void stepsChecksAndOutputsSideBySide() {
        Cli cli = new Cli();
        assertThat(cli.run("audit", "compare", passed, failed, "--db", db)).as(cli.err.toString()).isZero();
        String out = cli.out.toString();
        assertThat(out).contains("A: " + passed + "  compare-me rev 1", "Succeeded", "B: " + failed);
        assertThat(out).containsPattern("greet\\s+passed\\s+\\S+\\s+failed\\s+\\S+\\s+[+-]\\S+ \\(\\d+\\.\\dx\\)");
        assertThat(out).containsPattern("count\\s+passed\\s+\\S+\\s+-\\s+-\\s+-");
        assertThat(out).contains("greet / contains: hello: A passed; B failed on lab-1 (saw");
        assertThat(out).contains("greet on lab-1: differs", "-hello from lab-1", "+bye from lab-1");
    }

    @Test
    void aMissingRunIsNamed() {
        Cli cli = new Cli();
        assertThat(cli.run("audit", "compare", passed, "nope", "--db", db)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("no run 'nope'");
    }
}
