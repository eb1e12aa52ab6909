package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code belay run} signs checkpoints with the operator's key; {@code belay audit verify} holds the
 * log against them (the attack: RUN_FINISHED deleted and chain_head moved back); exports carry them.
 */
class CheckpointCliTest {
    private static final String RUNBOOK = """
            id: cli-checkpoints
            title: One step
            component: test
            revision: 1
            summary: Something to sign.
            roles:
              controllers: { min: 1 }
            steps:
              - id: hello
                title: Hello
                on: controllers
                run: echo hello
            """;

    @TempDir
    static Path dir;
    static PracticeLab lab;
    static Path key;
    static Path allowed;

    @BeforeAll
    static void start() throws Exception {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 2, 0));
        key = dir.resolve("id_signer");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        allowed = Files.writeString(dir.resolve("allowed_signers"),
                "ci@example.com " + Files.readString(dir.resolve("id_signer.pub")));
    }

    @AfterAll
    static void stop() throws IOException {
        lab.close();
    }

    private static String run(Cli cli, String name, String... extra) throws IOException {
        Path rb = Files.writeString(dir.resolve(name + ".yaml"), RUNBOOK.replace("cli-checkpoints", "cli-" + name));
        String db = AuditStore.h2Url(dir.resolve(name + "-audit"));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", rb.toString(), "--inventory",
                lab.inventoryPath().toString(), "--db", db, "--known-hosts", lab.knownHostsPath().toString(),
                "--operator", "ci"));
        args.addAll(java.util.List.of(extra));
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.out + "\n" + cli.err).isZero();
        Matcher m = Pattern.compile("run ([0-9a-f-]{36})").matcher(cli.out.toString());
        return m.find() ? m.group(1) : null;
    }

    @Test
    void aRunIsSignedAndVerifyCatchesTheLogShortenedAfterIt() throws Exception {
        Path file = dir.resolve("team/checkpoints");
        Cli cli = new Cli();
        run(cli, "signed", "--checkpoint-key", key.toString(), "--checkpoints", file.toString(), "--signer", "ci@example.com");
        assertThat(Files.readAllLines(file)).isNotEmpty();
        String db = AuditStore.h2Url(dir.resolve("signed-audit"));

        Cli verify = new Cli();
        assertThat(verify.run("audit", "verify", "--db", db, "--checkpoints", file.toString(),
                "--allowed-signers", allowed.toString())).as(verify.out + "\n" + verify.err).isZero();
        assertThat(verify.out.toString()).contains("chain intact").contains("checked, the log is vouched for up to event");

        String runId;
        long last;
        try (Connection c = DriverManager.getConnection(db)) {
            var rs = c.createStatement().executeQuery("SELECT run_id, seq FROM events ORDER BY seq DESC");
            assertThat(rs.next()).isTrue();
            runId = rs.getString(1);
            last = rs.getLong(2);
        }
        Path json = dir.resolve("export.json");
        Path md = dir.resolve("export.md");
        Path html = dir.resolve("export.html");
        for (Path out : new Path[] {json, md, html}) {
            String fmt = out.getFileName().toString().substring(7);
            Cli export = new Cli();
            assertThat(export.run("audit", "export", runId, "--db", db, "--format", fmt, "--out", out.toString()))
                    .as(export.err.toString()).isZero();
            assertThat(Files.readString(out)).contains("BEGIN SSH SIGNATURE").contains("seq " + last);
        }
        assertThat(Files.readString(json)).contains("\"checkpoints\"").contains("\"signer\" : \"ci@example.com\"");

        try (Connection c = DriverManager.getConnection(db)) {
            c.createStatement().executeUpdate("DELETE FROM events WHERE seq = " + last);
            c.createStatement().executeUpdate("UPDATE chain_head SET last_seq = " + (last - 1)
                    + ", last_hash = (SELECT MAX(hash) FROM events WHERE seq = " + (last - 1) + ") WHERE id = 1");
        }
        Cli again = new Cli();
        assertThat(again.run("audit", "verify", "--db", db, "--checkpoints", file.toString(),
                "--allowed-signers", allowed.toString())).isEqualTo(1);
        assertThat(again.out.toString()).contains("chain intact");
        assertThat(again.err.toString()).contains("TAMPERED: run " + runId + ", seq " + last + ": the log ends at seq "
                + (last - 1));
    }

    @Test
    void withoutCheckpointsVerifySaysTruncationCannotBeRuledOut() throws Exception {
        Cli cli = new Cli();
        run(cli, "unsigned", "--no-checkpoints");
        Cli verify = new Cli();
        assertThat(verify.run("audit", "verify", "--db", AuditStore.h2Url(dir.resolve("unsigned-audit")),
                "--checkpoints", dir.resolve("none-here").toString())).isEqualTo(1);
        assertThat(verify.err.toString()).contains("none-here is missing");
        assertThat(verify.out.toString()).contains("cannot be ruled out");
    }
}
