package dev.belay.ui.run;

import static dev.belay.ui.FxTest.fx;
import static dev.belay.ui.FxTest.lookup;
import static dev.belay.ui.FxTest.text;
import static dev.belay.ui.FxTest.waitFor;
import static dev.belay.ui.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.engine.Option;
import dev.belay.engine.RunState;
import dev.belay.engine.StepStatus;
import dev.belay.ui.DesktopFixture;
import dev.belay.ui.MainWindow;
import dev.belay.ui.library.LibraryFolders;
import java.io.IOException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A point of no return in the run window, for real: the practice lab over SSH on loopback, the audit
 * log in an H2 file. Ctrl+Enter asks for the environment's name instead of running the step; a second
 * person approves in the same window, or from a second Belay on the same audit file (its History).
 */
@ExtendWith(ApplicationExtension.class)
class NoReturnWindowTest {

    static DesktopFixture desk;
    private MainWindow window;

    @BeforeAll
    static void service() throws IOException {
        desk = DesktopFixture.create("ponr-ui", "ui-ponr");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        desk.close();
    }

    @Start
    void start(Stage stage) {
        window = desk.show(stage);
    }

    @AfterEach
    void closeRuns() throws Exception {
        DesktopFixture.hideRunWindows(window);
    }

    @Test
    void ctrlEnterAsksForTheEnvironmentsNameAndASecondPersonApprovesInTheSameWindow(FxRobot robot) throws Exception {
        RunWindow run = startAtThePointOfNoReturn(robot);
        Node root = run.view().node();
        assertThat(text(root, "#next-ponr")).contains("Point of no return: asks you to type lab");

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#ponr-dialog").tryQuery().isPresent());
        assertThat(dialogText(robot, "#ponr-undo")).contains("echo committed from ${host.name}")
                .contains("rollback is no longer offered: Restore the old tables will not run");
        assertThat(dialogText(robot, "#ponr-approvals")).contains("2 different people: the operator alice and 1 more");
        assertThat(fx(() -> robot.lookup("#ponr-name").queryAs(TextField.class).getText())).isEqualTo("alice");
        assertThat(approveDisabled(robot)).as("nothing typed yet").isTrue();
        robot.clickOn("#ponr-typed").write("production");
        assertThat(approveDisabled(robot)).as("the wrong environment").isTrue();
        setText(robot, "#ponr-typed", "");
        robot.clickOn("#ponr-typed").write("lab");
        assertThat(approveDisabled(robot)).isFalse();
        robot.clickOn("#ponr-approve");

        RunState s = waitFor(run, x -> x.awaiting() != null && x.awaiting().prompt().contains("alice approved"));
        assertThat(s.step("commit").orElseThrow().status()).isEqualTo(StepStatus.PENDING);
        assertThat(s.awaiting().options()).contains(Option.APPROVE);
        waitUntil(() -> text(root, "#next-ponr").contains("alice approved; waiting for 1 more person"));

        // Bob, at the same keyboard: the same Run next, now asking for a second person's own name.
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#ponr-dialog").tryQuery().isPresent());
        assertThat(fx(() -> robot.lookup("#ponr-name").queryAs(TextField.class).getText())).isEmpty();
        robot.clickOn("#ponr-name").write("alice");
        robot.clickOn("#ponr-typed").write("lab");
        assertThat(approveDisabled(robot)).as("alice has approved already").isTrue();
        setText(robot, "#ponr-name", "");
        robot.clickOn("#ponr-name").write("bob");
        robot.clickOn("#ponr-approve");

        s = waitFor(run, x -> x.step("commit").orElseThrow().status() == StepStatus.PASSED);
        assertThat(s.approval("commit").orElseThrow().approvers()).containsExactly("alice", "bob");
        try (AuditStore audit = AuditStore.open(desk.service().settings().auditUrl())) {
            assertThat(audit.timeline(s.runId())).filteredOn(e -> e.type() == EventType.STEP_APPROVED)
                    .extracting(e -> e.operator().name()).containsExactly("alice", "bob");
        }
    }

    @Test
    void aSecondOperatorApprovesFromTheirOwnBelaysHistoryOnTheSameAuditDatabase(FxRobot robot) throws Exception {
        RunWindow run = startAtThePointOfNoReturn(robot);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#ponr-dialog").tryQuery().isPresent());
        robot.clickOn("#ponr-typed").write("lab");
        robot.clickOn("#ponr-approve");
        RunState s = waitFor(run, x -> x.awaiting() != null && x.awaiting().prompt().contains("alice approved"));

        // Bob's Belay: its own window, preferences and data, pointed at the same audit database.
        Preferences bobsPrefs = Preferences.userRoot().node("/dev/belay/test/ponr-bob-" + System.nanoTime());
        RunSettings mine = desk.service().settings();
        RunService bobs = new RunService(new RunSettings(mine.auditUrl(), bobsPrefs, desk.dir().resolve("bob"),
                desk.dir().resolve("bob/user_known_hosts"), desk.dir().resolve("bob/known_hosts")));
        try {
            MainWindow bobsWindow = fx(() -> {
                Stage stage = new Stage();
                MainWindow w = new MainWindow(new LibraryFolders(bobsPrefs.node("library"), desk.dir().resolve("runbooks")), bobs);
                w.show(stage);
                stage.setTitle("Belay · bob");
                ((javafx.scene.control.TabPane) w.history().tab().getTabPane()).getSelectionModel().select(w.history().tab());
                return w;
            });
            Node history = fx(() -> bobsWindow.history().view().node());
            String button = "#approve-" + s.runId() + "-commit";
            waitUntil(() -> {
                fx(() -> bobsWindow.history().view().pendingApprovals().refresh()).get();
                return lookup(history, button) != null;
            });
            assertThat(text(history, "#pending-approvals")).contains("Commit the new schema").contains("LAB")
                    .contains("approved by alice; waiting for 1 more person");
            robot.clickOn(lookup(history, button));
            waitUntil(() -> robot.lookup("#ponr-dialog").tryQuery().isPresent());
            assertThat(dialogText(robot, "#ponr-undo")).contains("echo committed from");
            robot.clickOn("#ponr-name").write("bob");
            robot.clickOn("#ponr-typed").write("LAB");
            robot.clickOn("#ponr-approve");

            s = waitFor(run, x -> x.step("commit").orElseThrow().status() == StepStatus.PASSED);
            assertThat(s.approval("commit").orElseThrow().approvers()).containsExactly("alice", "bob");
            waitUntil(() -> text(history, "#pending-approvals-status").contains("bob approved commit"));
            fx(() -> bobsWindow.history().view().pendingApprovals().refresh()).get();
            waitUntil(() -> lookup(history, button) == null);
            fx(() -> {
                ((Stage) history.getScene().getWindow()).hide();
                return null;
            });
        } finally {
            bobs.close();
            bobsPrefs.removeNode();
        }
    }

    private RunWindow startAtThePointOfNoReturn(FxRobot robot) throws Exception {
        RunWindow run = DesktopFixture.startFromLibrary(robot, window, "ui-ponr", r -> { });
        waitFor(run, x -> x.awaiting() != null && "prepare".equals(x.awaiting().stepId()));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        RunState s = waitFor(run, x -> x.awaiting() != null && "commit".equals(x.awaiting().stepId()));
        assertThat(s.awaiting().options()).contains(Option.APPROVE);
        waitUntil(() -> lookup(run.view().node(), "#next-ponr") != null);
        return run;
    }

    private static boolean approveDisabled(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup("#ponr-approve").query().isDisabled());
    }

    private static void setText(FxRobot robot, String id, String value) throws Exception {
        fx(() -> {
            robot.lookup(id).queryAs(TextField.class).setText(value);
            return null;
        });
    }

    private static String dialogText(FxRobot robot, String id) {
        return text(robot.lookup("#ponr-dialog").query(), id);
    }
}
