package dev.belay.ui.history;

import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.ReportFormat;
import dev.belay.audit.RunSummary;
import dev.belay.audit.StepDuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The history view over a real H2 audit log: filter, timeline, failed check, replay, export, integrity. */
@ExtendWith(ApplicationExtension.class)
class HistoryViewTest {

    private HistoryFixture.Shown shown;
    private Path dir;
    private AuditStore store;
    private HistoryView view;

    @Start
    void start(Stage stage) throws Exception {
        shown = HistoryFixture.show(stage, "history");
        dir = shown.dir();
        store = shown.store();
        view = shown.view();
    }

    @AfterEach
    void stop() {
        shown.close();
    }

    @Test
    void filtersOpensATimelineReplaysExportsAndChecksIntegrity(FxRobot robot) throws Exception {
        TableView<RunSummary> runs = robot.lookup("#runs-table").queryTableView();
        await("three runs listed", 20, () -> onFx(() -> runs.getItems().size()) == 3);

        robot.clickOn("#filter-operator").write("bob");
        robot.clickOn("#search");
        await("only bob's run", 20, () -> onFx(() -> robot.lookup("#history-status").queryAs(Label.class).getText())
                .equals("1 run"));
        assertThat(runs.getItems().get(0).runId()).isEqualTo(HistoryFixture.REHEARSAL);

        robot.clickOn("#filter-operator").eraseText(3);
        robot.clickOn("#filter-text").write("disk full");
        robot.clickOn("#search");
        Label status = robot.lookup("#history-status").queryAs(Label.class);
        await("the run whose output says disk full", 20, () -> onFx(status::getText).equals("1 run"));
        assertThat(runs.getItems()).extracting(RunSummary::runId).containsExactly(HistoryFixture.REHEARSAL);

        robot.interact(() -> runs.getSelectionModel().select(0)); // as a click or the arrow keys would
        try {
            await("the run's timeline", 20, () -> onFx(() -> robot.lookup("#run-title").tryQueryAs(Label.class)
                    .map(l -> l.getText().startsWith("patch-db")).orElse(false)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; status: " + onFx(status::getText) + ", selected: "
                    + onFx(() -> runs.getSelectionModel().getSelectedItem()), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        TableView<AuditEvent> timeline = robot.lookup("#timeline-table").queryTableView();
        assertThat(timeline.getItems()).extracting(AuditEvent::type)
                .contains(EventType.RUN_STARTED, EventType.EXPECTATION_FAILED, EventType.MONITOR_DOWN,
                        EventType.RUN_FINISHED);

        // Trainers compare with the team's earlier run: the backup step has a median of 1 earlier run.
        robot.clickOn("Steps");
        TableView<StepDuration> steps = robot.lookup("#steps-table").queryTableView();
        StepDuration backup = steps.getItems().stream().filter(s -> s.stepId().equals("backup")).findFirst().orElseThrow();
        assertThat(backup.earlierRuns()).isEqualTo(1);
        assertThat(backup.medianOfEarlier()).isNotNull();
        var median = steps.getColumns().stream().filter(c -> c.getText().equals("Median of earlier runs")).findFirst()
                .orElseThrow();
        assertThat((String) median.getCellData(backup)).endsWith("(1 run)");

        robot.clickOn("Failed checks (1)");
        assertThat(robot.lookup("#failed-checks .failure-title").queryAs(Label.class).getText())
                .isEqualTo("backup on db-1: exit status");
        assertThat(robot.lookup("#failed-checks .output").queryAs(TextArea.class).getText())
                .contains("pg_dump: error: disk full");

        robot.clickOn("Replay (1)");
        ListView<?> recordings = robot.lookup("#recordings").queryListView();
        robot.interact(() -> recordings.getSelectionModel().select(0));
        robot.clickOn("#replay-play");
        await("the replayed text", 20, () -> onFx(() -> view.replay().screenText()).contains("replayed-text ok"));
        assertThat(view.replay().screenText()).contains("/dev/sdb1").contains("100%");
        robot.interact(() -> view.replay().seek(0));
        await("a cleared screen after seeking to the start", 30,
                () -> !onFx(() -> view.replay().screenText()).contains("sdb1"));

        Path html = view.exportTo(HistoryFixture.REHEARSAL, ReportFormat.HTML, dir.resolve("r.html")).get(20, TimeUnit.SECONDS);
        assertThat(Files.readString(html)).contains("patch-db").contains("disk full");

        robot.clickOn("#verify");
        Label verdict = robot.lookup("#verify-result").queryAs(Label.class);
        long events = store.timeline(HistoryFixture.EARLIER).size() + store.timeline(HistoryFixture.REHEARSAL).size()
                + store.timeline(HistoryFixture.OTHER).size();
        await("Intact", 20, () -> onFx(verdict::getText).equals("Intact: " + events + " events"));
        assertThat(verdict.getStyleClass()).contains("verify-ok");

        try (Connection c = DriverManager.getConnection(AuditStore.h2Url(dir.resolve("audit")));
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE events SET payload = '{\"outcome\":\"succeeded\"}' WHERE seq = 5");
        }
        robot.clickOn("#verify");
        await("Broken", 20, () -> onFx(verdict::getText).startsWith("Broken at event #5: "));
        assertThat(verdict.getStyleClass()).contains("verify-broken").doesNotContain("verify-ok");
    }

    @Test
    void durationsAndEnvironmentsFormatPlainly() {
        assertThat(Formats.duration(java.time.Duration.ofSeconds(3725))).isEqualTo("1h 02m");
        assertThat(Formats.duration(java.time.Duration.ofSeconds(245))).isEqualTo("4m 05s");
        assertThat(Formats.delta(java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(25))).isEqualTo("−15s");
        assertThat(RunDetailView.envClass("PRODUCTION")).isEqualTo("production");
        assertThat(RunDetailView.envClass("staging-eu")).isEqualTo("staging");
        assertThat(List.of(RunDetailView.envClass("lab"), RunDetailView.envClass("dev"))).containsOnly("lab");
    }

    /** Rehearsals have their column and filter; the timeline reads in words, commands on one line. */
    @Test
    void rehearsalsFilterAndTheTimelineReadsInWords(FxRobot robot) throws Exception {
        TableView<RunSummary> runs = robot.lookup("#runs-table").queryTableView();
        await("three runs listed", 20, () -> onFx(() -> runs.getItems().size()) == 3);
        var rehearsalColumn = onFx(() -> runs.getColumns().stream().filter(c -> c.getText().equals("Rehearsal"))
                .findFirst().orElseThrow());
        assertThat(onFx(() -> runs.getItems().stream().map(r -> (String) rehearsalColumn.getCellData(r)).toList()))
                .containsExactlyInAnyOrder("rehearsal", "", "");

        Label status = robot.lookup("#history-status").queryAs(Label.class);
        ComboBox<String> kind = robot.lookup("#filter-rehearsal").queryComboBox();
        robot.interact(() -> kind.setValue(RunFilters.REHEARSALS)); // as picking it from the list would
        robot.clickOn("#search");
        await("only the rehearsal", 20, () -> onFx(status::getText).equals("1 run"));
        assertThat(runs.getItems()).extracting(RunSummary::runId).containsExactly(HistoryFixture.REHEARSAL);
        robot.interact(() -> kind.setValue(RunFilters.REAL_RUNS));
        robot.clickOn("#search");
        await("the two real runs", 20, () -> onFx(status::getText).equals("2 runs"));
        assertThat(runs.getItems()).extracting(RunSummary::runId)
                .containsExactlyInAnyOrder(HistoryFixture.EARLIER, HistoryFixture.OTHER);
        robot.interact(() -> kind.setValue(RunFilters.REHEARSALS));
        robot.clickOn("#search");
        await("the rehearsal again", 20, () -> onFx(status::getText).equals("1 run"));

        robot.interact(() -> runs.getSelectionModel().select(0));
        await("the run's timeline", 20, () -> onFx(() -> robot.lookup("#run-title").tryQueryAs(Label.class)
                .map(l -> l.getText().startsWith("patch-db")).orElse(false)));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<AuditEvent> timeline = robot.lookup("#timeline-table").queryTableView();
        List<String> what = onFx(() -> timeline.getItems().stream()
                .map(e -> (String) timeline.getColumns().get(4).getCellData(e)).toList());
        List<String> detail = onFx(() -> timeline.getItems().stream()
                .map(e -> (String) timeline.getColumns().get(5).getCellData(e)).toList());
        assertThat(what).contains("Run started", "Command started", "Command finished", "Check failed",
                "Monitor down", "Terminal opened", "Run failed");
        assertThat(what).noneMatch(w -> w.contains("_"));
        assertThat(detail).contains("pg_dump app > /backup/app.sql … (+1 line)", "exit 1 after 50ms")
                .noneMatch(d -> d.contains("\n") || d.contains("{"));
        assertThat(robot.lookup("#resume-run").tryQuery()).hasValueSatisfying(n -> assertThat(n.isVisible()).isFalse());
    }
}
