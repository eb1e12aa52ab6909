package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code belay run} and {@code belay resume} headless against the practice lab: output and exit codes. */
class RunCommandTest {

    private static final String MANUAL = """
            id: cli-manual
            title: A manual step in the middle
            component: test
            revision: 1
            summary: Stops headless runs unless --auto-confirm.
            roles:
              controllers: { min: 1 }
            steps:
              - id: before
                title: Before
                on: controllers
                run: echo before > before
              - id: look
                title: Look
                confirm: It looks right
              - id: after
                title: After
                on: controllers[0]
                run: echo after > after
            """;

    private static final String FAILING = """
            id: cli-failing
            title: A failing step
            component: test
            revision: 1
            summary: Exit 1.
            roles:
              controllers: { min: 1 }
            steps:
              - id: broken
                title: Broken
                on: controllers
                run: echo not today; exit 4
              - id: never
                title: Never
                on: controllers
                run: echo never > never
            """;

    private static final String TWO_PEOPLE = """
            id: cli-two-people
            title: Two people at the point of no return
            component: test
            revision: 1
            summary: A headless run stops there until two people approve.
            roles:
              controllers: { min: 1 }
            steps:
              - id: commit
                title: Commit
                on: controllers[0]
                run: echo done > committed
                point_of_no_return: { approvers: 2 }
            """;

    @TempDir
    static Path dir;
    static PracticeLab lab;
    private final Cli cli = new Cli();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    @BeforeAll
    static void startLab() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 2, 0));
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    private int belay(String... args) {
        return cli.run(args);
    }

    private String[] runArgs(Path runbook, String db, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", runbook.toString(), "--inventory", lab.inventoryPath().toString(),
                "--db", db, "--known-hosts", lab.knownHostsPath().toString(), "--operator", "ci"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private Path home(int i) {
        return lab.hosts().get(i).home();
    }

    @Test
    void dryRunPrintsEveryCommandPerHostAndExecutesNothing() {
        int code = belay("run", "runbooks/practice-upgrade.yaml", "--inventory", lab.inventoryPath().toString(), "--dry-run");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("DRY RUN: Practice upgrade").contains("lab-1$ d=$HOME/practice-svc")
                .contains("expect contains: status=ok").contains("POINT OF NO RETURN");
        assertThat(Files.exists(home(0).resolve("practice-svc"))).isFalse();
        assertThat(Files.exists(home(0).resolve("practice-svc.bak"))).isFalse();
    }

    @Test
    void badInputExitsTwoWithAMessageNotAStackTrace() throws IOException {
        assertThat(belay("run", "no-such.yaml", "--inventory", lab.inventoryPath().toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no-such.yaml: no such file").doesNotContain("Exception");
        Path rb = Files.writeString(dir.resolve("bad-var.yaml"), MANUAL.replace("cli-manual", "cli-bad"));
        assertThat(belay("run", rb.toString(), "--inventory", lab.inventoryPath().toString(), "--var", "nope=1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--var nope");
    }

    @Test
    void aSecretShorterThanFourCharactersAndAWindowEndWithoutZoneAreRefusedWithTheFix() throws IOException {
        Path rb = Files.writeString(dir.resolve("short-secret.yaml"), FAILING.replace("cli-failing", "cli-secret")
                .replace("roles:", "vars:\n  pass: { prompt: DB password, secret: true }\nroles:"));
        assertThat(belay("run", rb.toString(), "--inventory", lab.inventoryPath().toString(), "--var", "pass=x",
                "--db", "jdbc:h2:file:" + dir.resolve("secret/belay"))).isEqualTo(RunDriver.BAD_INPUT);
        assertThat(err.toString()).contains("--var pass").contains("at least 4").doesNotContain("Exception");
        assertThat(belay("run", rb.toString(), "--inventory", lab.inventoryPath().toString(), "--var", "pass=s3cret",
                "--window-end", "2026-11-25T23:00", "--db", "jdbc:h2:file:" + dir.resolve("secret/belay")))
                .isEqualTo(RunDriver.BAD_INPUT);
        assertThat(err.toString()).contains("--window-end").contains("offset").contains("local time");
    }

    @Test
    void manualStepPausesTheRunAndResumeWithAutoConfirmFinishesIt() throws IOException {
        Path rb = Files.writeString(dir.resolve("manual.yaml"), MANUAL);
        String db = dev.belay.audit.AuditStore.h2Url(dir.resolve("manual-audit"));
        assertThat(belay(runArgs(rb, db))).as(out + "\n" + err).isEqualTo(RunDriver.PAUSED);
        assertThat(out.toString()).contains("==> main before").contains("waiting for the operator at look");
        assertThat(Files.readString(home(0).resolve("before"))).isEqualTo("before\n");
        assertThat(Files.exists(home(0).resolve("after"))).isFalse();
        Matcher m = Pattern.compile("belay resume (\\S+)").matcher(out.toString());
        assertThat(m.find()).isTrue();

        assertThat(belay("resume", m.group(1), "--auto-confirm", "--db", db, "--known-hosts",
                lab.knownHostsPath().toString())).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("confirmed: look (automatically, --auto-confirm)").contains("COMPLETED");
        assertThat(Files.readString(home(0).resolve("after"))).isEqualTo("after\n");
        assertThat(Files.exists(home(1).resolve("after"))).as("after runs on controllers[0] only").isFalse();
    }

    @Test
    void pointOfNoReturnWaitsForASecondApproverWhoApprovesWithBelayApprove() throws IOException {
        Path rb = Files.writeString(dir.resolve("two-people.yaml"), TWO_PEOPLE);
        String db = dev.belay.audit.AuditStore.h2Url(dir.resolve("two-people-audit"));
        assertThat(belay(runArgs(rb, db, "--auto-confirm"))).as(out + "\n" + err).isEqualTo(RunDriver.PAUSED);
        Matcher m = Pattern.compile("waiting for 1 more person\\. Each approver: belay approve --run (\\S+) --step commit"
                + " --as NAME --confirm (\\S+); then: belay resume").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        String runId = m.group(1);
        String env = m.group(2);
        assertThat(Files.exists(home(0).resolve("committed"))).isFalse();

        assertThat(belay("approve", "--db", db)).isZero();
        assertThat(out.toString()).contains(runId + "  commit  cli-two-people on " + env)
                .contains("approved by: ci; waiting for 1 more person");
        assertThat(belay("approve", "--db", db, "--run", runId, "--step", "commit", "--as", "bob", "--confirm", "prod"))
                .isEqualTo(RunDriver.BAD_INPUT);
        assertThat(err.toString()).contains("type the environment's name exactly: " + env);
        assertThat(belay("approve", "--db", db, "--run", runId, "--step", "commit", "--as", "bob", "--confirm", env,
                "--note", "looked at the backup")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Approved commit of run " + runId + " as bob")
                .contains("All approvals are in");

        assertThat(belay("resume", runId, "--db", db, "--known-hosts", lab.knownHostsPath().toString()))
                .as(out + "\n" + err).isZero();
        assertThat(Files.readString(home(0).resolve("committed"))).isEqualTo("done\n");
    }

    @Test
    void failingStepExitsOneAndGoesNoFurther() throws IOException {
        Path rb = Files.writeString(dir.resolve("failing.yaml"), FAILING);
        String db = dev.belay.audit.AuditStore.h2Url(dir.resolve("failing-audit"));
        assertThat(belay(runArgs(rb, db))).as(out + "\n" + err).isEqualTo(RunDriver.FAILED);
        assertThat(out.toString()).contains("FAIL exit: 0: expected exit status 0, saw exit status 4")
                .contains("Stopped at a failed step");
        assertThat(Files.exists(home(0).resolve("never"))).isFalse();
    }

    @Test
    void autoConfirmAgainstProductionIsRefusedUnlessTheRunbookAllowsIt() throws IOException {
        Path prod = Files.writeString(dir.resolve("production.yaml"), Files.readString(lab.inventoryPath())
                .replaceFirst("(?m)^environment: .*$", "environment: production"));
        Path rb = Files.writeString(dir.resolve("manual-prod.yaml"), MANUAL.replace("cli-manual", "cli-manual-prod")
                .replace("> before", "> prod-before").replace("> after", "> prod-after"));
        String db = dev.belay.audit.AuditStore.h2Url(dir.resolve("prod-audit"));
        List<String> args = new ArrayList<>(List.of(runArgs(rb, db, "--auto-confirm")));
        args.set(3, prod.toString());
        assertThat(belay(args.toArray(String[]::new))).as(out + "\n" + err).isEqualTo(RunDriver.BAD_INPUT);
        assertThat(err.toString()).contains("--auto-confirm refused: the inventory's environment is 'production'")
                .contains("automation: { production: allowed }");
        assertThat(Files.exists(home(0).resolve("prod-before"))).as("nothing ran").isFalse();

        Path allowed = Files.writeString(dir.resolve("manual-allowed.yaml"), MANUAL.replace("cli-manual", "cli-allowed")
                .replace("> before", "> prod-before").replace("> after", "> prod-after") + "automation: { production: allowed }\n");
        args = new ArrayList<>(List.of(runArgs(allowed, db, "--auto-confirm")));
        args.set(3, prod.toString());
        assertThat(belay(args.toArray(String[]::new))).as(out + "\n" + err).isZero();
        assertThat(Files.readString(home(0).resolve("prod-after"))).isEqualTo("after\n");
    }

    @Test
    void dryRunNeverAsksForSecretsShowsGateRetriesAndSkipsFalseWhens() {
        int code = belay("run", "runbooks/ceph-upgrade.yaml", "--inventory", "runbooks/inventories/staging.example.yaml",
                "--dry-run");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("[clients-ready] Confirm every client can use the firefly tunables\n"
                        + "       SKIPPED: when: is ''")
                .contains("gate retried every 10s within 10m")
                .doesNotContain("ceph osd crush tunables firefly");

        out.getBuffer().setLength(0);
        code = belay("run", "runbooks/galera-cluster-upgrade.yaml", "--inventory",
                "runbooks/inventories/staging.example.yaml", "--dry-run");
        assertThat(code).as("a secret nobody gave is a placeholder in a dry run: " + err).isZero();
        assertThat(out.toString()).contains("db_pass=******").contains("mysql -uroot -p****** -e")
                .contains("gate retried every 5s within 5m");
    }
}
