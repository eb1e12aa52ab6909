package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.HostStatus;
import dev.belay.engine.Option;
import dev.belay.engine.PlanFiles;
import dev.belay.engine.Resolution;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.SshTransport;
import dev.belay.engine.StepStatus;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM runs {@code belay run} against the lab and is killed with SIGKILL in the middle of a
 * step; {@code resume} then shows that step's command as outcome unknown and re-runs nothing until
 * the operator decides.
 */
class ResumeAfterKillTest {

    private static final String RUNBOOK = """
            id: kill-test
            title: Killed in the middle
            component: test
            revision: 1
            summary: A step that is still running when the process dies.
            roles:
              controllers: { min: 1 }
            steps:
              - id: first
                title: Before
                on: controllers[0]
                run: echo 1 >> first
              - id: long
                title: The long one
                on: controllers[0]
                run: echo 1 >> long; sleep 300
              - id: after
                title: After
                on: controllers[0]
                run: echo 1 >> after
            """;

    @TempDir
    Path dir;

    @Test
    void killedMidStepThenResumedFlagsTheUnknownOutcomeAndRerunsNothingUnasked() throws Exception {
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0))) {
            Path runbook = Files.writeString(dir.resolve("kill-test.yaml"), RUNBOOK);
            String db = AuditStore.h2Url(dir.resolve("audit"));
            Path home = lab.hosts().get(0).home();
            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.belay.cli.Main", "run", runbook.toString(),
                    "--inventory", lab.inventoryPath().toString(), "--db", db, "--operator", "ci",
                    "--known-hosts", lab.knownHostsPath().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            String runId;
            try {
                runId = awaitCommandStarted(dir.resolve("child.log"), db, "long");
                // The intent is durable before the command runs: kill mid-command, not before its first line.
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (runId != null && !Files.exists(home.resolve("long")) && System.nanoTime() < until) {
                    Thread.sleep(50);
                }
            } finally {
                child.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            assertThat(runId).as("child log:\n" + Files.readString(dir.resolve("child.log"))).isNotNull();

            SshSettings ssh = SshSettings.defaults(HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE)
                    .withKnownHosts(lab.knownHostsPath(), dir.resolve("known_hosts"));
            try (AuditStore store = openWithRetry(db)) {
                AuditEventSink sink = new AuditEventSink(store);
                var plan = PlanFiles.forResume((RunEvent.RunStarted) sink.events(runId).get(0), Map.of());
                try (SshTransport transport = new SshTransport(ssh, plan.inventory());
                     RunController run = new RunEngine(transport, sink).resume(runId,
                             new RunEngine.ResumeOptions("bob", Map.of(), false, false), PlanFiles::forResume)) {
                    RunState s = run.awaitSettled(Duration.ofSeconds(30));
                    assertThat(s.step("first").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
                    assertThat(s.step("long").orElseThrow().status()).isEqualTo(StepStatus.OUTCOME_UNKNOWN);
                    assertThat(s.step("long").orElseThrow().host("lab-1").orElseThrow().status())
                            .isEqualTo(HostStatus.OUTCOME_UNKNOWN);
                    assertThat(s.unknownOutcomes()).containsExactly("long@lab-1");
                    assertThat(s.awaiting().options()).contains(Option.RESOLVE_UNKNOWN);
                    assertThat(s.step("after").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
                    assertThat(Files.readString(home.resolve("first"))).isEqualTo("1\n");
                    assertThat(Files.readString(home.resolve("long"))).isEqualTo("1\n");
                    assertThat(Files.exists(home.resolve("after"))).isFalse();

                    run.resolveUnknown("long", "lab-1", Resolution.MARK_DONE, "checked by hand: it ran").get();
                    s = run.await(x -> x.status().ended(), Duration.ofSeconds(30));
                    assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
                    assertThat(Files.readString(home.resolve("long"))).isEqualTo("1\n");
                    assertThat(Files.readString(home.resolve("after"))).isEqualTo("1\n");
                    assertThat(Files.readString(home.resolve("first"))).isEqualTo("1\n");
                }
                List<AuditEvent> timeline = store.timeline(runId);
                assertThat(timeline).anyMatch(e -> e.type() == EventType.OUTCOME_RESOLVED && e.operator().name().equals("bob"));
                assertThat(store.verify().intact()).isTrue();
            }
        }
    }

    /**
     * Waits for the child to print its run id (the run's start is durable by then), then polls the
     * audit log, shared with the child through H2's AUTO_SERVER, until the step's command has started.
     */
    private static String awaitCommandStarted(Path log, String db, String stepId) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String runId = null;
        while (runId == null && System.nanoTime() < end) {
            Thread.sleep(100);
            runId = Files.readAllLines(log).stream().filter(l -> l.startsWith("run ") && l.contains(":"))
                    .map(l -> l.substring(4, l.indexOf(':'))).findFirst().orElse(null);
        }
        if (runId == null) {
            return null;
        }
        try (AuditStore store = openWithRetry(db)) {
            while (System.nanoTime() < end) {
                if (store.timeline(runId).stream().anyMatch(e ->
                        e.type() == EventType.COMMAND_STARTED && stepId.equals(e.text("stepId")))) {
                    return runId;
                }
                Thread.sleep(100);
            }
        }
        return null;
    }

    /** H2 refuses a file whose lock was touched a moment ago (by the child starting or dying): try again, bounded. */
    static AuditStore openWithRetry(String db) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return AuditStore.open(db);
            } catch (RuntimeException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
