package dev.belay.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of runbooks/practice-upgrade.yaml really works with /bin/sh in a bare home: the
 * preflight, the upgrade (with its gate), the rollback, and the preflight again. Until the engine
 * walks it on the lab, this keeps the practice runbook honest.
 */
class PracticeRunbookShellTest {

    private final Runbook rb = RunbookLibrary.load(Path.of("runbooks")).find("practice-upgrade").orElseThrow();

    @Test
    void upgradeThenRollbackLeavesAHealthyOneDotZero(@TempDir Path home) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");

        walk(home, rb.preflight());
        walk(home, rb.steps());
        assertThat(Files.readString(home.resolve("practice-svc/VERSION")).strip()).isEqualTo("2.0");
        assertThat(Files.readString(home.resolve("practice-svc/etc/svc.ini"))).contains("[service]", "[database]");

        walk(home, rb.rollback());
        walk(home, rb.preflight());
        assertThat(Files.readString(home.resolve("practice-svc/data/rows.txt"))).startsWith("id|name\n");
    }

    @Test
    void aSecondUpgradeRefusesToOverwriteTheBackup(@TempDir Path home) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        walk(home, rb.preflight());
        walk(home, rb.steps());

        Result again = sh(home, ((Action.Run) rb.steps().get(0).action()).command());

        assertThat(again.exit()).isNotZero();
        assertThat(again.output()).contains("refusing to back up");
        assertThat(Files.readString(home.resolve("practice-svc.bak/VERSION")).strip()).isEqualTo("1.0");
    }

    private void walk(Path home, List<Step> steps) throws Exception {
        for (Step step : steps) {
            if (step.action() instanceof Action.Run run) {
                check(step.id(), sh(home, run.command()), run.expect());
                if (step.gate() != null) {
                    check(step.id() + " gate", sh(home, step.gate().command()), step.gate().expect());
                }
            }
        }
    }

    private static void check(String where, Result r, List<Expectation> expect) {
        if (expect.isEmpty()) {
            assertThat(r.exit()).as(where + ": " + r.output()).isZero();
        }
        for (Expectation e : expect) {
            String out = r.output();
            if (e instanceof Expectation.Contains c) {
                assertThat(out).as(where).contains(c.text());
            } else if (e instanceof Expectation.Matches m) {
                assertThat(Pattern.compile(m.regex(), Pattern.MULTILINE).matcher(out).find()).as(where + ": " + out)
                        .isTrue();
            } else if (e instanceof Expectation.NumberCheck n) {
                Matcher m = Pattern.compile(n.regex(), Pattern.MULTILINE).matcher(out);
                assertThat(m.find()).as(where + ": " + out).isTrue();
                BigDecimal value = new BigDecimal(m.group(1));
                if (n.min() != null) {
                    assertThat(value).as(where).isGreaterThanOrEqualTo(n.min());
                }
                if (n.eq() != null) {
                    assertThat(value).as(where).isEqualByComparingTo(n.eq());
                }
            } else if (e instanceof Expectation.Capture c) {
                assertThat(Pattern.compile(c.regex(), Pattern.MULTILINE).matcher(out).find()).as(where).isTrue();
            }
        }
    }

    private String substitute(String command) {
        return command.replace("${backup_dir}", rb.vars().get("backup_dir").defaultValue());
    }

    private Result sh(Path home, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", substitute(command)).directory(home.toFile())
                .redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("finished within 30s: " + command).isTrue();
        return new Result(p.exitValue(), out);
    }

    private record Result(int exit, String output) {
    }
}
