package dev.belay.ui;

import static dev.belay.ui.FxTest.clickWhenThere;
import static dev.belay.ui.FxTest.fx;
import static dev.belay.ui.FxTest.lookup;
import static dev.belay.ui.FxTest.text;
import static dev.belay.ui.FxTest.waitFor;
import static dev.belay.ui.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.EventType;
import dev.belay.audit.RunSummary;
import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.StepStatus;
import dev.belay.ui.history.ReplayPane;
import dev.belay.ui.run.RunWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop story in one real window: library → start a run on the practice lab → a step's check
 * passes → a live terminal typed into → roll back → History (Ctrl+H) lists the run, shows its
 * timeline and replays the terminal, listing the run's steps (recording markers) to jump to. The history reads the audit file the run wrote (one H2 file).
 */
@ExtendWith(ApplicationExtension.class)
class EndToEndRunHistoryTest {

    static DesktopFixture desk;
    private MainWindow window;
    private Stage stage;

    @BeforeAll
    static void service() throws IOException {
        desk = DesktopFixture.create("e2e", "ui-quick");
    }

    @AfterAll
    static void cleanUp() throws Exception {
        desk.close();
    }

    @Start
    void start(Stage stage) {
        window = desk.show(stage);
        this.stage = stage;
    }

    @AfterEach
    void closeAll() throws Exception {
        fx(() -> {
            for (RunWindow w : window.runs().windows()) {
                w.stage().hide();
            }
            window.history().close(); // then again when the stage hides: closing twice must be harmless
            stage.hide(); // closes the History page's own audit connection before the temp dir goes
            return null;
        });
    }

    @Test
    void aRunOnTheLabWithATerminalShowsUpInHistoryAndReplays(FxRobot robot) throws Exception {
        RunWindow run = startFromLibrary(robot);
        Node root = run.view().node();
        String runId = run.view().session().controller().runId();

        // A step runs on the lab and its check passes.
        waitFor(run, s -> s.awaiting() != null && "hello".equals(s.awaiting().stepId()));
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(run, s -> s.step("hello").orElseThrow().status() == StepStatus.PASSED);
        waitUntil(() -> fx(() -> robot.from(root).lookup(".check-passed").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("from lab-1"))));

        // A live terminal on lab-1, opened from the run's menu and typed into by the keyboard.
        Node terminal = openTerminal(robot, root, "lab-1");
        Path marker = desk.service().settings().labDir().resolve("hosts").resolve("lab-1").resolve("root").resolve("e2e-typed"); // its /root
        robot.clickOn(terminal);
        robot.write("echo e2e-$((6*7)); touch e2e-typed").type(KeyCode.ENTER);
        waitUntil(() -> Files.exists(marker));

        // The rest of the runbook: a manual tick, a failing step, then a roll back with a reason.
        waitFor(run, s -> s.awaiting() != null && "look".equals(s.awaiting().stepId()));
        clickWhenThere(robot, root, "#btn-run");
        waitFor(run, s -> s.step("look").orElseThrow().status() == StepStatus.AWAITING_CONFIRMATION);
        clickWhenThere(robot, root, "#btn-confirm");
        waitFor(run, s -> s.awaiting() != null && "breaks".equals(s.awaiting().stepId())
                && s.step("breaks").orElseThrow().status() == StepStatus.PENDING);
        clickWhenThere(robot, root, "#btn-run");
        waitFor(run, s -> s.step("breaks").orElseThrow().status() == StepStatus.FAILED && s.awaiting() != null);
        clickWhenThere(robot, root, "#btn-rollback");
        waitUntil(() -> robot.lookup("#reason").tryQuery().isPresent());
        robot.clickOn("#reason").write("e2e: breaks failed");
        robot.clickOn("#reason-ok");
        RunState end = waitFor(run, s -> s.status().ended());
        assertThat(end.status()).isEqualTo(RunStatus.ROLLED_BACK);

        // Closing the run window seals the terminal recording; then the main window's History.
        waitUntil(() -> text(root, "#run-status").equals("rolled back"));
        WaitForAsyncUtils.asyncFx(run::requestClose);
        waitUntil(() -> fx(() -> !run.stage().isShowing()));
        robot.interact(() -> {
            stage.toFront();
            stage.requestFocus(); // the closed run window had the keyboard
        });
        waitUntil(() -> fx(stage::isFocused));
        robot.clickOn("#library-tree");
        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        try {
            waitUntil(() -> fx(() -> window.history().tab().isSelected()));
        } catch (TimeoutException e) {
            throw new AssertionError("Ctrl+H did not select History; focus owner: "
                    + fx(() -> stage.getScene().getFocusOwner()), e);
        }
        TableView<RunSummary> runs = robot.lookup("#runs-table").queryTableView();
        try {
            waitUntil(() -> fx(() -> runs.getItems().stream().anyMatch(r -> r.runId().equals(runId))));
        } catch (TimeoutException e) {
            throw new AssertionError("run " + runId + " not in the history; status: "
                    + text(robot.lookup("#history-status").query(), "#history-status") + ", rows: "
                    + fx(() -> runs.getItems().stream().map(RunSummary::runId).toList()), e);
        }

        robot.interact(() -> runs.getItems().stream().filter(r -> r.runId().equals(runId)).findFirst()
                .ifPresent(r -> runs.getSelectionModel().select(r))); // as a click or the arrow keys would
        waitUntil(() -> fx(() -> robot.lookup("#run-title").tryQueryAs(Label.class)
                .map(l -> !l.getText().isBlank()).orElse(false)));
        TableView<AuditEvent> timeline = robot.lookup("#timeline-table").queryTableView();
        waitUntil(() -> fx(() -> timeline.getItems().stream().anyMatch(e -> e.type() == EventType.RUN_FINISHED)));
        assertThat(fx(() -> timeline.getItems().stream().map(AuditEvent::type).toList()))
                .contains(EventType.RUN_STARTED, EventType.EXPECTATION_PASSED, EventType.TERMINAL_OPENED,
                        EventType.TERMINAL_CLOSED, EventType.ROLLBACK_STARTED, EventType.RUN_FINISHED);
        assertThat(fx(() -> timeline.getItems().stream().allMatch(e -> runId.equals(e.runId())))).isTrue();

        robot.clickOn("Replay (1)");
        ListView<?> recordings = robot.lookup("#recordings").queryListView();
        ReplayPane replay = fx(() -> window.history().view().replay());
        robot.interact(() -> replay.setSpeed(8.0));
        robot.interact(() -> recordings.getSelectionModel().select(0));
        waitUntil(() -> fx(replay::duration) > 0);
        robot.clickOn("#replay-play");
        // The recording is as long as this test took with the terminal open (tens of seconds on a
        // loaded machine) and plays in real time times the speed: wait for what the replay needs,
        // not a fixed bound.
        long replaySeconds = (long) Math.ceil(fx(replay::duration) / 8.0);
        try {
            waitUntil(FxTest.WAIT_S + replaySeconds, () -> fx(replay::screenText).contains("e2e-42"));
        } catch (TimeoutException e) {
            throw new AssertionError("the replay (" + fx(replay::duration) + " s at 8x) never showed e2e-42; it shows:\n"
                    + fx(replay::screenText), e);
        }
        assertThat(fx(replay::screenText)).contains("lab-1$");

        // The recording marks each step's start: the replay lists them, and a click jumps there.
        // The terminal opened during "hello" (its recording starts with that step), was typed into
        // before "breaks" started, and the roll back ran "undo" after.
        waitUntil(() -> fx(() -> robot.lookup("#replay-steps").tryQuery().map(Node::isVisible).orElse(false)));
        assertThat(fx(replay::stepLabels)).extracting(l -> l.substring(l.indexOf("  ") + 2))
                .containsSubsequence("hello: Say hello", "breaks: A step that fails", "undo: Undo it");
        clickStep(robot, "hello: Say hello");
        try {
            waitUntil(() -> !fx(replay::screenText).contains("e2e-42") && !fx(replay::screenText).contains("lab-1$"));
        } catch (TimeoutException e) {
            throw new AssertionError("jumping to 'hello' kept the later screen:\n" + fx(replay::screenText), e);
        }
        clickStep(robot, "breaks: A step that fails");
        try {
            waitUntil(() -> fx(replay::screenText).contains("e2e-42"));
        } catch (TimeoutException e) {
            throw new AssertionError("jumping to 'breaks' did not show what was typed before it:\n"
                    + fx(replay::screenText), e);
        }
        assertThat(fx(replay::isPlaying)).isFalse();
    }

    private static void clickStep(FxRobot robot, String label) throws Exception {
        Node cell = fx(() -> robot.from(robot.lookup("#replay-steps").<Node>query()).lookup(".list-cell").queryAll().stream()
                .filter(c -> c instanceof javafx.scene.control.Labeled l && l.getText() != null
                        && l.getText().endsWith(label)).findFirst().orElseThrow(
                        () -> new AssertionError("no step '" + label + "' in the replay's list")));
        robot.clickOn(cell);
    }

    // ---- helpers (the patterns of RunWindowTest)

    private Node openTerminal(FxRobot robot, Node root, String host) throws Exception {
        waitUntil(() -> lookup(root, "#open-terminal") != null);
        fx(() -> {
            MenuButton menu = (MenuButton) root.lookup("#open-terminal");
            menu.getItems().stream().filter(i -> host.equals(i.getText())).findFirst().orElseThrow().fire();
            return null;
        });
        waitUntil(() -> fx(() -> terminalTab(root, host) != null && terminalTab(root, host).getContent() != null));
        return fx(() -> terminalTab(root, host).getContent());
    }

    private static Tab terminalTab(Node root, String host) {
        TabPane tabs = (TabPane) root.lookup("#terminal-tabs");
        if (tabs == null) {
            return null;
        }
        return tabs.getTabs().stream().filter(t -> ("terminal-" + host).equals(t.getId())).findFirst().orElse(null);
    }

    private RunWindow startFromLibrary(FxRobot robot) throws Exception {
        return DesktopFixture.startFromLibrary(robot, window, "ui-quick", r -> { });
    }
}
