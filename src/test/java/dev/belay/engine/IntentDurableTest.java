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
 * A step's COMMAND_STARTED for all its hosts go in one commit before any of its commands runs, and
 * the other appends from host threads share commits (group commit); each host's intent is thus
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
            List<String> early = new CopyOnWriteArrayList<>();
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
                    List<AuditEvent> log = audit.timeline(runId[0]);
                    long intents = log.stream()
                            .filter(e -> e.type() == EventType.COMMAND_STARTED && host.name().equals(e.targetHost())
                                    && command.equals(e.text("command")))
                            .count();
                    checked.incrementAndGet();
                    if (intents == 0) {
                        missing.add(host.name() + ": " + command);
                    }
                    // Not only this host's: every host's intent of the step, whichever command runs first.
                    String stepWord = "echo " + command.split(" ")[1] + " ";
                    List<Long> stepIntents = log.stream().filter(e -> e.type() == EventType.COMMAND_STARTED
                            && e.text("command").startsWith(stepWord)).map(AuditEvent::seq).toList();
                    if (stepIntents.size() != 6) {
                        early.add(command + " ran with " + stepIntents.size() + " of its step's 6 intents in the log");
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
            assertThat(early).as("commands that ran before their step's other intents were committed").isEmpty();
            assertThat(audit.verify()).isInstanceOf(VerifyResult.Intact.class);
            List<AuditEvent> timeline = audit.timeline(runId[0]);
            List<AuditEvent> intents = timeline.stream().filter(e -> e.type() == EventType.COMMAND_STARTED).toList();
            assertThat(intents).hasSize(12);
            // Each step's six intents went in one transaction: consecutive in the log, one commit time.
            for (List<AuditEvent> step : List.of(intents.subList(0, 6), intents.subList(6, 12))) {
                assertThat(step.get(5).seq() - step.get(0).seq()).isEqualTo(5);
                assertThat(step).extracting(AuditEvent::ts).containsOnly(step.get(0).ts());
                assertThat(step).extracting(e -> e.text("stepId")).containsOnly(step.get(0).text("stepId"));
            }
        }
    }
}
