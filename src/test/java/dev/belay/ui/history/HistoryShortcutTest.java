package dev.belay.ui.history;

import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.RunSummary;
import dev.belay.ui.MainWindow;
import dev.belay.ui.library.LibraryFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Ctrl+H in the main window opens the History page, which opens the audit store only then. */
@ExtendWith(ApplicationExtension.class)
class HistoryShortcutTest {

    private Path dir;
    private Preferences prefs;
    private final boolean[] opened = new boolean[1];
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        dir = Files.createTempDirectory("belay-history-page");
        HistoryFixture.openFilled(AuditStore.h2Url(dir.resolve("audit"))).close();
        prefs = Preferences.userRoot().node("/dev/belay/test/history-" + System.nanoTime());
        MainWindow window = new MainWindow(new LibraryFolders(prefs, Files.createDirectories(dir.resolve("runbooks"))),
                () -> {
                    opened[0] = true;
                    return AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
                });
        window.show(stage);
    }

    @AfterEach
    void cleanUp() throws Exception {
        prefs.removeNode();
        robotClose();
    }

    private void robotClose() {
        onFx(() -> {
            stage.hide(); // closes the audit store the page opened
            return null;
        });
    }

    @Test
    void ctrlHShowsTheRunHistory(FxRobot robot) {
        assertThat(opened[0]).isFalse();
        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        TableView<RunSummary> runs = robot.lookup("#runs-table").queryTableView();
        await("three runs listed", 20, () -> onFx(() -> runs.getItems().size()) == 3);
        assertThat(opened[0]).isTrue();
    }
}
