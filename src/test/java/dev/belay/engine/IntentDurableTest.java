package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.VerifyResult;
import dev.belay.inventory.Inventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends from host threads share commits (group commit), yet each host's COMMAND_STARTED is
 * committed before its command runs: the transport, at the moment it is asked to run a command,
 * reads the log through a connection of its own, which sees only committed rows.
 */
class IntentDurableTest {

    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyHostsIntentIsCommittedBeforeItsCommandRuns() throws Exception {
        try (LabHarness harness = LabHarness.start(dir.resolve("lab"), 6);
             AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            Inventory inv = harness.webInventory();
            List<String> missing = new CopyOnWriteArrayList<>();
            AtomicInteger checked = new AtomicInteger();
            String[] runId = new String[1];
            CountDownLatch started = new CountDownLatch(1);
            try (SshTransport ssh = new SshTransport(harness.settings(), inv)) {
                Transport checking = (host, command, timeout, lines, cancel) -> {
                    try {
                        started.await(30, TimeUnit.SECONDS); // the run id is known once start() returns
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    // AuditStore.timeline reads on its own connection: uncommitted rows are invisible to it.
                    long intents = audit.timeline(runId[0]).stream()
                            .filter(e -> e.type() == EventType.COMMAND_STARTED && host.name().equals(e.targetHost())
                                    && command.equals(e.text("command")))
                            .count();
                    checked.incrementAndGet();
                    if (intents == 0) {
                        missing.add(host.name() + ": " + command);
                    }
                    return ssh.exec(host, command, timeout, lines, cancel);
                };
                Rb rb = new Rb("intents");
                rb.steps.add(run("one", "web", "echo one ${host.name}"));
                rb.steps.add(run("two", "web", "echo two ${host.name}"));
                Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), inv, Map.of());
                try (RunController run = new RunEngine(checking, new AuditEventSink(audit))
                        .start(plan, RunOptions.live("alice"))) {
                    runId[0] = run.runId();
                    started.countDown();
                    RunState s = run.await(x -> x.status().ended(), T);
                    assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
                }
            }
            assertThat(checked.get()).isEqualTo(12);
            assertThat(missing).as("commands that ran before their intent was committed").isEmpty();
            assertThat(audit.verify()).isInstanceOf(VerifyResult.Intact.class);
            List<AuditEvent> timeline = audit.timeline(runId[0]);
            assertThat(timeline.stream().filter(e -> e.type() == EventType.COMMAND_STARTED)).hasSize(12);
        }
    }
}
