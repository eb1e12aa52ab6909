package dev.belay.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.audit.AuditStore;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.Plan;
import dev.belay.engine.PlanException;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.SshTargets;
import dev.belay.engine.StepStatus;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.PtyShell;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.trust.HostKeyPrompt;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application core over the practice lab (embedded MINA SSHD on loopback): a run's engine and its
 * live terminal share one SSH pool, so an unknown host key is asked about once per run, not once per
 * connection; a second run has a pool of its own and asks again ("accept once" is for one run).
 */
class RunsTest {

    private static final String RUNBOOK = """
            id: one-question
            title: One host-key question per run
            component: test
            revision: 1
            summary: A command, a look in the terminal, another command.
            roles:
              controllers: { min: 1 }
            steps:
              - id: before
                title: Before
                on: controllers[0]
                run: echo before > before
              - id: look
                title: Look in the terminal
                confirm: The terminal shows the host
              - id: after
                title: After
                on: controllers[0]
                run: echo after > after
            """;
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void anUnknownHostKeyIsAskedAboutOncePerRunByTheEngineAndTheTerminalsTogether() throws Exception {
        List<HostKeyPrompt.UnknownHostKey> asked = new CopyOnWriteArrayList<>();
        HostKeyPrompt acceptOnce = key -> {
            asked.add(key);
            return HostKeyPrompt.Answer.ACCEPT_ONCE;
        };
        // known_hosts files that do not exist: the lab's host key is unknown to this run
        SshSettings ssh = SshSettings.defaults(acceptOnce, PassphrasePrompt.NONE)
                .withKnownHosts(dir.resolve("known_hosts"), dir.resolve("belay_known_hosts"));
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0));
             AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            Path runbook = Files.writeString(dir.resolve("one-question.yaml"), RUNBOOK);
            Plan plan = Runs.plan(runbook, lab.inventoryPath(), Map.of(), RunMode.LIVE, false);
            Runs runs = new Runs(new AuditEventSink(audit));
            Path home = lab.hosts().get(0).home();

            try (LiveRun live = runs.start(plan, RunOptions.live("alice"), ssh, e -> { })) {
                RunState s = live.controller().awaitSettled(T);
                assertThat(s.step("before").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
                assertThat(s.awaiting().stepId()).isEqualTo("look");
                assertThat(asked).hasSize(1);

                // what the run's terminal tab does: a shell on the run's pool
                try (PtyShell shell = live.pool().openShell(SshTargets.of(plan.inventory(), "lab-1"), 80, 24)) {
                    shell.write("cat before; exit\n");
                    assertThat(readUntil(shell.input(), "before")).contains("before");
                }
                live.controller().confirm("look", "seen").get();
                s = live.controller().await(x -> x.status().ended(), T);
                assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(Files.readString(home.resolve("after"))).isEqualTo("after\n");
            }
            assertThat(asked).as("one question for the engine's commands and the terminal").hasSize(1);
            assertThat(asked.get(0).host()).contains("127.0.0.1");

            try (LiveRun again = runs.start(plan, RunOptions.live("alice"), ssh, e -> { })) {
                assertThat(again.controller().awaitSettled(T).awaiting().stepId()).isEqualTo("look");
            }
            assertThat(asked).as("a new run has its own pool: accept once was for the first run").hasSize(2);
        }
    }

    /**
     * Both rules a plan must pass before anything opens, through the one door every front end and
     * {@code belay test} use: a secret given too short (a live run, a dry run and a resumed one alike)
     * and an unattended run on production the runbook does not allow.
     */
    @Test
    void planAndResumePlanRefuseAShortSecretAndAnUnallowedUnattendedRun() throws Exception {
        Path runbook = Files.writeString(dir.resolve("secret.yaml"), RUNBOOK.replace("one-question", "secret")
                .replace("roles:", "vars:\n  token: { prompt: API token, secret: true }\nroles:"));
        Path inventory = Files.writeString(dir.resolve("production.yaml"), """
                environment: production
                hosts:
                  db-1: { address: 127.0.0.1, user: ops }
                roles:
                  controllers: [db-1]
                """);

        for (RunMode mode : RunMode.values()) {
            assertThatThrownBy(() -> Runs.plan(runbook, inventory, Map.of("token", "abc"), mode, false))
                    .as(mode.name()).isInstanceOf(PlanException.class).hasMessageContaining("--var token")
                    .hasMessageContaining("at least 4");
        }
        RunEvent.RunStarted started = new RunEvent.RunStarted(Instant.EPOCH, "r1", "secret", 1, "c0",
                runbook.toString(), inventory.toString(), "production", "alice", RunMode.LIVE, null, false, false,
                Map.of());
        assertThatThrownBy(() -> Runs.resumePlan(started, Map.of("token", "x"), false))
                .isInstanceOf(PlanException.class).hasMessageContaining("at least 4");

        assertThat(Runs.plan(runbook, inventory, Map.of("token", "s3cret"), RunMode.LIVE, false).vars())
                .containsEntry("token", "s3cret");
        assertThatThrownBy(() -> Runs.plan(runbook, inventory, Map.of("token", "s3cret"), RunMode.LIVE, true))
                .isInstanceOf(PlanException.class).hasMessageContaining("--auto-confirm refused");
        assertThatThrownBy(() -> Runs.resumePlan(started, Map.of("token", "s3cret"), true))
                .isInstanceOf(PlanException.class).hasMessageContaining("--auto-confirm refused");
    }

    /** Reads the shell's output until it contains {@code text} or the stream ends (bounded by the shell's exit). */
    private static String readUntil(InputStream in, String text) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long end = System.nanoTime() + T.toNanos();
        while (System.nanoTime() < end) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            seen.write(buf, 0, n);
            String out = seen.toString(StandardCharsets.UTF_8);
            // the echo of the typed line holds "before" too: wait for the file's content on a line of its own
            if (out.lines().anyMatch(l -> l.strip().equals(text))) {
                return out;
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}
