package dev.belay.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.audit.AuditStore;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.Problem;
import dev.belay.runbook.RunbookLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An include keeps the included runbook's safety: its preflight runs just before its steps, its rollback
 * joins the includer's, last component first, and only for components whose steps ran. Real YAML fixtures
 * (src/test/resources/runbooks/includes), run over SSH on the practice lab.
 */
class IncludeSafetyTest {

    private static final Duration T = Duration.ofSeconds(30);
    private static final Path FIXTURES = Path.of("src/test/resources/runbooks/includes");

    @TempDir
    static Path dir;
    static LabHarness harness;
    static Inventory inv;
    static RunbookLibrary library;

    @BeforeAll
    static void start() throws IOException {
        harness = LabHarness.start(dir, 1);
        inv = harness.webInventory();
        library = RunbookLibrary.load(FIXTURES);
    }

    @AfterAll
    static void stop() throws IOException {
        harness.close();
    }

    private Plan plan(String id) {
        return new PlanResolver(library::find).resolve(library.find(id).orElseThrow(), inv, Map.of());
    }

    @Test
    void includedPreflightRunsBeforeItsStepsAndRollbackJoinsTheIncludersLastComponentFirst() {
        Plan plan = plan("window");
        assertThat(plan.preflight()).extracting(PlannedStep::id).containsExactly("window-check");
        assertThat(plan.steps()).extracting(PlannedStep::id).containsExactly(
                "first/check", "first/change", "second/check", "second/change", "second/break",
                "third/check", "third/change");
        assertThat(plan.steps()).filteredOn(PlannedStep::includedCheck).extracting(PlannedStep::id)
                .containsExactly("first/check", "second/check", "third/check");
        assertThat(plan.rollback()).extracting(PlannedStep::id).containsExactly(
                "third/undo", "second/undo", "first/undo", "window-undo");
        assertThat(((dev.belay.runbook.Action.Run) plan.steps().get(0).action()).command())
                .as("vars pass through").isEqualTo("echo a-check-w >> journal");
    }

    @Test
    void rollbackUnwindsInReverseOnlyForComponentsWhoseStepsRan() throws Exception {
        harness.cleanHomes();
        try (AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
             SshTransport transport = new SshTransport(harness.settings(), inv)) {
            RunEngine engine = new RunEngine(transport, new AuditEventSink(audit));
            try (RunController run = engine.start(plan("window"), RunOptions.live("alice"))) {
                RunState s = run.awaitSettled(T);
                assertThat(s.awaiting().stepId()).isEqualTo("second/break");
                run.startRollback("second/break failed").get();
                s = run.await(x -> x.status().ended(), T);
                assertThat(s.status()).isEqualTo(RunStatus.ROLLED_BACK);
                assertThat(s.step("third/undo").orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
                assertThat(s.step("third/undo").orElseThrow().message()).contains("third never ran");
            }
        }
        List<String> journal = Files.readAllLines(harness.home("web-1").resolve("journal"));
        assertThat(journal).containsExactly("window-check", "a-check-w", "a-change", "b-check-w", "b-change",
                "b-break", "b-undo", "a-undo", "window-undo");
    }

    @Test
    void aVarDeclaredDifferentlyByAnIncludedRunbookIsAnErrorAtTheInclude() {
        Path file = FIXTURES.resolve("include-var-clash.yaml");
        assertThat(library.resultOf(file).problems()).extracting(Problem::line, Problem::column, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(8, 43, "var 'image' of included runbook"
                        + " 'include-var-clash-part' has default 'rabbitmq:3.6' but is already declared with default"
                        + " 'mariadb:10.1' (by 'include-var-clash'); vars pass through includes, so give both the same"
                        + " default and secret flag, or rename one"));
        assertThat(library.resultOf(FIXTURES.resolve("include-var-clash-part.yaml")).problems()).isEmpty();
        dev.belay.runbook.Runbook parent = new dev.belay.runbook.RunbookLoader().load(file).value();
        assertThat(parent).as("valid on its own; the clash shows when includes are resolved").isNotNull();
        assertThatThrownBy(() -> new PlanResolver(id -> java.util.Optional.ofNullable(
                library.resultOf(FIXTURES.resolve(id + ".yaml")).value())).resolve(parent, inv, Map.of()))
                .hasMessageContaining("var image of included runbook include-var-clash-part has default 'rabbitmq:3.6'");
    }

    @Test
    void theShippedMultiReleaseWindowKeepsEveryComponentsPreflightAndRollback() {
        RunbookLibrary shipped = RunbookLibrary.load(Path.of("runbooks"));
        Inventory staging = new dev.belay.inventory.InventoryLoader()
                .load(Path.of("runbooks/inventories/staging.example.yaml")).value();
        Plan plan = new PlanResolver(shipped::find).resolve(shipped.find("multi-release-upgrade").orElseThrow(),
                staging, Map.of("db_pass", "x"));
        List<String> main = plan.steps().stream().map(PlannedStep::id).toList();
        assertThat(main).containsSubsequence("rabbitmq/cluster-healthy", "rabbitmq/pull",
                "galera/synced", "galera/haproxy-backends", "galera/pull", "galera/join");
        assertThat(plan.rollback()).extracting(PlannedStep::id).containsExactly(
                "galera/restart-first", "galera/first-ready", "galera/restart-others", "galera/recreate-first",
                "galera/reenable", "rabbitmq/restart-first", "rabbitmq/restart-others", "rabbitmq/rolled-back-healthy");
    }
}
