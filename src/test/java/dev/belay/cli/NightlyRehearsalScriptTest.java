package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/systemd/belay-rehearsal, what the nightly timer runs: a real rehearsal on the practice lab
 * leaves its log, HTML report and evidence bundle in the reports folder and exits with belay run's code.
 */
class NightlyRehearsalScriptTest {

    private static final String RUNBOOK = """
            id: nightly
            title: Nightly check
            component: test
            revision: 1
            roles:
              controllers: { min: 1 }
            steps:
              - id: look
                title: Look around
                on: controllers
                run: echo all-quiet
                expect: [ { contains: all-quiet } ]
              - id: confirm
                title: A person would look here
                confirm: Looks right
            """;

    @TempDir
    Path dir;

    @Test
    void aRehearsalLeavesItsLogReportAndBundleAndExitsWithTheRunsCode() throws Exception {
        Path reports = dir.resolve("reports");
        Path rb = Files.writeString(dir.resolve("nightly.yaml"), RUNBOOK);
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0))) {
            Result ok = script(reports, rb.toString(), lab.inventoryPath().toString(), "--known-hosts",
                    lab.knownHostsPath().toString());
            assertThat(ok.code).as(ok.out).isZero();
            assertThat(ok.out).contains("(rehearsal)", "[lab-1] all-quiet", "confirmed: confirm (automatically",
                    "belay-rehearsal: run ");
            List<String> files;
            try (Stream<Path> s = Files.list(reports)) {
                files = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertThat(files).hasSize(3);
            assertThat(files).anyMatch(f -> f.endsWith("-nightly.log")).anyMatch(f -> f.endsWith(".html"))
                    .anyMatch(f -> f.endsWith(".zip"));
        }
        Result bad = script(reports, dir.resolve("missing.yaml").toString(), "nowhere.yaml");
        assertThat(bad.code).isEqualTo(2);
        assertThat(bad.out).contains("no such file", "did not start (exit 2)");
    }

    private record Result(int code, String out) { }

    private Result script(Path reports, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", "packaging/systemd/belay-rehearsal"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("BELAY", ProcessHandle.current().info().command().orElse("java")
                + " -XX:TieredStopAtLevel=1 -cp " + System.getProperty("java.class.path") + " dev.belay.cli.Main");
        pb.environment().put("BELAY_REPORTS", reports.toString());
        pb.environment().put("BELAY_AUDIT_DB", AuditStore.h2Url(dir.resolve("audit")));
        Process p = pb.start();
        boolean ended = p.waitFor(180, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ended).as(out).isTrue();
        return new Result(p.exitValue(), out);
    }
}
