package dev.belay.engine;

import static dev.belay.engine.Rb.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A point of no return on the practice lab (real SSH on loopback) with the audit log in a real H2
 * file: the engine refuses to start it until its approvals are in, one of them typed by the operator,
 * and takes a second person's approval from another connection to the same database.
 */
class NoReturnApprovalTest {

    private static final Duration T = Duration.ofSeconds(30);

    @RegisterExtension
    static final WebLab LAB = new WebLab(1);

    @TempDir
    Path dir;
    AuditStore audit;
    RunController run;

    @BeforeEach
    void setUp() throws IOException {
        LAB.harness().cleanHomes();
        audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
    }

    @AfterEach
    void tearDown() {
        if (run != null) {
            run.close();
        }
        audit.close();
    }

    private RunController start(int approvers, RunOptions options) {
        Rb rb = new Rb("ponr");
        rb.steps.add(run("prepare", "web", "echo ready"));
        rb.steps.add(Rb.ponr(run("commit", "web", "echo done > committed"), approvers));
        rb.rollback.add(run("restore", "web", "rm -f committed"));
        Plan plan = new PlanResolver(PlanResolver.Includes.NONE).resolve(rb.build(), LAB.inventory(), Map.of());
        run = new RunEngine(LAB.transport(), new AuditEventSink(audit)).start(plan, options);
        return run;
    }

    private boolean committed() {
        return Files.exists(LAB.harness().home("web-1").resolve("committed"));
    }

    private static Throwable cause(java.util.concurrent.CompletableFuture<Void> f) {
        try {
            f.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOperatorTypesTheEnvironmentsNameAndOnlyThenTheStepStarts() throws Exception {
        start(1, RunOptions.live("alice"));
        RunState s = run.awaitSettled(T);
        assertThat(s.awaiting().stepId()).isEqualTo("commit");
        assertThat(s.awaiting().options()).contains(Option.RUN, Option.APPROVE, Option.ROLLBACK);
        assertThat(s.awaiting().prompt()).contains("type the environment's name (test)");
        ApprovalState a = s.approval("commit").orElseThrow();
        assertThat(a.cannotUndo()).anySatisfy(l -> assertThat(l).contains("echo done > committed"))
                .anySatisfy(l -> assertThat(l).contains("rollback is no longer offered").contains("Run restore"));

        assertThat(cause(run.run("commit"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("point of no return").hasMessageContaining("waiting for the operator alice");
        assertThat(cause(run.approve("commit", "alice", "production", null)))
                .hasMessageContaining("type the environment's name exactly: test");
        assertThat(run.state().step("commit").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
        assertThat(committed()).isFalse();

        run.approve("commit", "alice", " test ", "backup verified").get();
        s = run.await(x -> x.status().ended(), T);
        assertThat(s.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(committed()).isTrue();
        List<AuditEvent> log = audit.timeline(s.runId());
        assertThat(log).extracting(AuditEvent::type).containsSubsequence(EventType.APPROVAL_REQUESTED,
                EventType.STEP_APPROVED, EventType.STEP_STARTED);
        AuditEvent approved = log.stream().filter(e -> e.type() == EventType.STEP_APPROVED).findFirst().orElseThrow();
        assertThat(approved.operator().name()).isEqualTo("alice");
        assertThat(approved.payload().get("note").asText()).isEqualTo("backup verified");
    }

    @Test
    void twoPeopleApproveTheSecondFromAnotherConnectionToTheSameDatabase() throws Exception {
        start(2, RunOptions.live("alice"));
        run.awaitSettled(T);
        run.approve("commit", "alice", "test", null).get();
        RunState s = run.await(x -> x.awaiting() != null && x.awaiting().prompt().contains("approved"), T);
        assertThat(s.awaiting().prompt()).contains("alice approved").contains("waiting for 1 more person")
                .contains("belay approve --run " + s.runId() + " --step commit");
        assertThat(cause(run.approve("commit", "Alice", "test", null))).hasMessageContaining("already approved");
        assertThat(cause(run.run("commit"))).hasMessageContaining("waiting for 1 more person");
        assertThat(committed()).isFalse();

        // Bob's own Belay: another store on the same H2 file, as a second process would open it.
        try (AuditStore bobs = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            ApprovalDesk desk = new ApprovalDesk(bobs);
            List<ApprovalState> pending = desk.pending();
            assertThat(pending).singleElement().satisfies(p -> {
                assertThat(p.runId()).isEqualTo(s.runId());
                assertThat(p.stepId()).isEqualTo("commit");
                assertThat(p.approvers()).containsExactly("alice");
                assertThat(p.environment()).isEqualTo("test");
            });
            assertThatThrownBy(() -> desk.approve(s.runId(), "commit", "bob", "staging", null))
                    .hasMessageContaining("type the environment's name exactly: test");
            assertThatThrownBy(() -> desk.approve(s.runId(), "prepare", "bob", "test", null))
                    .hasMessageContaining("does not wait for approvals");
            desk.approve(s.runId(), "commit", "bob", "test", "second pair of eyes");
        }
        RunState done = run.await(x -> x.status().ended(), T);
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.approval("commit").orElseThrow().approvers()).containsExactly("alice", "bob");
        assertThat(committed()).isTrue();
        assertThat(audit.timeline(s.runId())).filteredOn(e -> e.type() == EventType.STEP_APPROVED)
                .extracting(e -> e.operator().name()).containsExactly("alice", "bob");
        assertThat(new ApprovalDesk(audit).pending()).isEmpty();
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void autoConfirmGivesOnlyTheOperatorsApproval() throws Exception {
        start(1, RunOptions.live("alice").withAutoConfirm(true));
        assertThat(run.await(x -> x.status().ended(), T).status()).isEqualTo(RunStatus.COMPLETED);
        run.close();
        LAB.harness().cleanHomes();
        assertThat(committed()).isFalse();

        start(2, RunOptions.live("alice").withAutoConfirm(true));
        RunState s = run.await(x -> x.awaiting() != null && x.awaiting().prompt().contains("approved"), T);
        assertThat(s.awaiting().stepId()).isEqualTo("commit");
        assertThat(s.approval("commit").orElseThrow().approvers()).containsExactly("alice");
        assertThat(s.awaiting().prompt()).contains("waiting for 1 more person");
        assertThat(committed()).isFalse();
        run.approve("commit", "bob", "test", null).get();
        assertThat(run.await(x -> x.status().ended(), T).status()).isEqualTo(RunStatus.COMPLETED);
    }
}
