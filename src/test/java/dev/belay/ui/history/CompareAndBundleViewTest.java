package dev.belay.ui.history;

import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.RunSummary;
import dev.belay.audit.compare.RunComparison;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** History's two new buttons over a real H2 log: compare two selected runs in a window, and write a run's evidence bundle. */
@ExtendWith(ApplicationExtension.class)
class CompareAndBundleViewTest {

    private HistoryFixture.Shown shown;
    private Path dir;
    private HistoryView view;

    @Start
    void start(Stage stage) throws Exception {
        shown = HistoryFixture.show(stage, "compare");
        dir = shown.dir();
        view = shown.view();
    }

    @AfterEach
    void stop() {
        shown.close();
    }

    @Test
    void twoSelectedRunsOpenSideBySideWithDurationsFlippedChecksAndOutputDiffs(FxRobot robot) {
        TableView<RunSummary> runs = robot.lookup("#runs-table").queryTableView();
        await("three runs listed", 20, () -> onFx(() -> runs.getItems().size()) == 3);
        robot.interact(() -> {
            runs.getSelectionModel().clearSelection();
            for (int i = 0; i < runs.getItems().size(); i++) {
                String id = runs.getItems().get(i).runId();
                if (id.equals(HistoryFixture.EARLIER) || id.equals(HistoryFixture.REHEARSAL)) {
                    runs.getSelectionModel().select(i); // as Ctrl+click does
                }
            }
        });
        robot.clickOn("#compare");
        await("the compare window", 20, () -> onFx(() -> Window.getWindows().stream()
                .anyMatch(w -> w instanceof Stage s && s.getTitle() != null && s.getTitle().startsWith("Belay: compare"))));
        Label a = robot.lookup("#compare-a").queryAs(Label.class);
        assertThat(a.getText()).as("the older run is A").startsWith("A: " + HistoryFixture.EARLIER);
        assertThat(robot.lookup("#compare-b").queryAs(Label.class).getText()).startsWith("B: " + HistoryFixture.REHEARSAL);

        TableView<RunComparison.StepRow> steps = robot.lookup("#compare-steps").queryTableView();
        assertThat(steps.getItems()).extracting(RunComparison.StepRow::stepId).containsExactly("stop-app", "backup");
        RunComparison.StepRow backup = steps.getItems().get(1);
        assertThat(backup.statusA()).isEqualTo("passed");
        assertThat(backup.statusB()).isEqualTo("failed");
        assertThat(backup.tookA()).isNotNull();
        assertThat(backup.tookB()).isNotNull();
        var versus = steps.getColumns().stream().filter(c -> c.getText().equals("B − A")).findFirst().orElseThrow();
        assertThat((String) versus.getCellData(backup)).matches("[+-]\\S+ \\(\\d+\\.\\dx\\)");

        assertThat(robot.lookup("#compare-checks .failure-title").queryAs(Label.class).getText())
                .isEqualTo("backup / exit status:  A passed;  B failed on db-1 (saw pg_dump: error: disk full)");

        ListView<String> diff = robot.lookup("#compare-diff").queryListView();
        assertThat(diff.getItems()).contains("-done", "+pg_dump: error: disk full", "+exit 1");
        ListView<RunComparison.OutputDiff> outputs = robot.lookup("#compare-outputs").queryListView();
        assertThat(outputs.getItems()).singleElement().satisfies(d -> {
            assertThat(d.stepId()).isEqualTo("backup");
            assertThat(d.hostA()).isEqualTo("db-1");
        });
    }

    @Test
    void theBundleOfARunIsAZipWithItsIndex(FxRobot robot) throws Exception {
        Path zip = view.bundleTo(HistoryFixture.REHEARSAL, dir.resolve("evidence.zip")).get(30, TimeUnit.SECONDS);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("index.html")).isNotNull();
            assertThat(z.getEntry("recordings/01-db-1.cast")).isNotNull();
            String index = new String(z.getInputStream(z.getEntry("index.html")).readAllBytes());
            assertThat(index).contains("Evidence of run " + HistoryFixture.REHEARSAL, ">Failed<");
        }
        await("the status names the file", 30, () -> onFx(() -> robot.lookup("#history-status").queryAs(Label.class)
                .getText()).contains("evidence.zip"));
    }
}
