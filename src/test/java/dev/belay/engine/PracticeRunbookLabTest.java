package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's practice runbook walked end to end on the practice lab, recorded in an H2 file. */
class PracticeRunbookLabTest {

    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void practiceUpgradeRunsEndToEndOnTheLab() throws Exception {
        try (LabHarness lab = LabHarness.start(dir, 3);
             AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            Plan plan = PlanFiles.load(Path.of("runbooks/practice-upgrade.yaml"), lab.lab.inventoryPath(), Map.of());
            List<RunEvent> seen = new CopyOnWriteArrayList<>();
            try (SshTransport transport = new SshTransport(lab.settings(), plan.inventory());
                 RunController run = new RunEngine(transport, new AuditEventSink(audit))
                         .start(plan, RunOptions.live("alice").withWindowEnd(java.time.Instant.now().plus(Duration.ofHours(1))),
                                 seen::add)) {
                RunState s = run.awaitSettled(T);
                assertThat(s.awaiting()).as(RunStateReport.render(s, java.time.Instant.now())).isNotNull();
                assertThat(s.awaiting().stepId()).isEqualTo("look-by-hand");
                assertThat(s.awaiting().options()).contains(Option.CONFIRM, Option.ROLLBACK);
                run.confirm("look-by-hand", "svc.ini and rows look right").get();
                s = run.await(x -> x.awaiting() != null && "publish".equals(x.awaiting().stepId()), T);
                assertThat(s.awaiting().options()).as("publish is the point of no return: it waits for approval")
                        .contains(Option.APPROVE, Option.ROLLBACK);
                run.approve("publish", "alice", s.environment(), "checked the rows").get();
                s = run.await(x -> x.status().ended(), T);

                assertThat(s.status()).as(RunStateReport.render(s, s.endedAt())).isEqualTo(RunStatus.COMPLETED);
                assertThat(s.phase(Phase.PREFLIGHT)).allMatch(x -> x.status() == StepStatus.PASSED);
                assertThat(s.phase(Phase.MAIN)).allMatch(x -> x.status() == StepStatus.PASSED);
                assertThat(s.phase(Phase.ROLLBACK)).allMatch(x -> x.status() == StepStatus.PENDING);
                assertThat(s.step("health").orElseThrow().host("lab-2").orElseThrow().captures()).containsEntry("rows", "3");
                assertThat(s.pointOfNoReturnPassed()).isTrue();
                assertThat(run.window().lastRollbackStart()).isNull();
            }
            for (String h : List.of("lab-1", "lab-2", "lab-3")) { // a 3-host lab: every host is a controller
                assertThat(Files.readString(lab.home(h).resolve("practice-svc/VERSION"))).isEqualTo("2.0\n");
                assertThat(Files.readString(lab.home(h).resolve("practice-svc/data/rows.txt"))).startsWith("id|name|status\n");
            }
            assertThat(seen).anyMatch(e -> e instanceof RunEvent.GateChecked g && g.passed());
            assertThat(seen).anyMatch(e -> e instanceof RunEvent.OutputLine);
            assertThat(audit.verify().intact()).isTrue();
            assertThat(audit.timeline(seen.get(0) instanceof RunEvent.RunStarted r ? r.runId() : "?"))
                    .extracting(e -> e.type()).contains(EventType.RUN_STARTED, EventType.COMMAND_STARTED,
                            EventType.EXPECTATION_PASSED, EventType.STEP_CONFIRMED, EventType.SNAPSHOT_TAKEN,
                            EventType.RUN_FINISHED);
        }
    }
}
