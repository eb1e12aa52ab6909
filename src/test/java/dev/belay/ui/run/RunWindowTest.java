package dev.belay.ui.run;

import static dev.belay.ui.FxTest.clickWhenThere;
import static dev.belay.ui.FxTest.fx;
import static dev.belay.ui.FxTest.lookup;
import static dev.belay.ui.FxTest.text;
import static dev.belay.ui.FxTest.waitFor;
import static dev.belay.ui.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.StepStatus;
import dev.belay.ui.DesktopFixture;
import dev.belay.ui.FxTest;
import dev.belay.ui.MainWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
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
 * The run screens for real: headless JavaFX, the practice lab over real SSH on loopback, the audit
 * log in an H2 file in a temp dir, and preferences in a throwaway node (the user's ~/.belay is untouched).
 */
@ExtendWith(ApplicationExtension.class)
class RunWindowTest {

    static DesktopFixture desk;
    private MainWindow window;

    @BeforeAll
    static void service() throws IOException {
        desk = DesktopFixture.create("run-ui", "ui-quick", "ui-terminal");
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
    void runsAStepOnTheLabSeesItsCheckPassAndConfirmsAManualStep(FxRobot robot) throws Exception {
        RunWindow run = startFromLibrary(robot, false);
        Node root = run.view().node();

        waitFor(run, s -> s.awaiting() != null && "hello".equals(s.awaiting().stepId()));
        assertThat(text(root, "#env-badge")).isEqualTo("LAB");
        assertThat(lookup(root, "#env-badge").getStyleClass()).contains("env-lab");
        assertThat(text(root, "#step-title")).isEqualTo("Say hello");
        assertThat(text(root, "#host-commands")).contains("lab-1$ echo \"hello from lab-1\"")
                .contains(dev.belay.audit.SecretMasker.MASK).doesNotContain("s3cret-token");

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(run, s -> s.step("hello").orElseThrow().status() == StepStatus.PASSED);
        waitUntil(() -> lookup(root, "#host-lab-1") != null);
        waitUntil(() -> ((TextArea) lookup(root, "#output-lab-1")).getText().contains("hello from lab-1"));
        assertThat(fx(() -> robot.from(root).lookup(".check-passed").queryAll().stream()
                .map(n -> ((Label) n).getText()).toList()))
                .anySatisfy(t -> assertThat(t).contains("contains").contains("from lab-1"));

        waitFor(run, s -> s.awaiting() != null && "look".equals(s.awaiting().stepId()));
        assertThat(text(root, "#next-bar")).contains("Next: Look at it");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor(run, s -> s.step("look").orElseThrow().status() == StepStatus.AWAITING_CONFIRMATION);
        waitUntil(() -> lookup(root, "#btn-confirm") != null);
        assertThat(text(root, "#step-title")).isEqualTo("Look at it");
        robot.clickOn(lookup(root, "#confirm-note")).write("greeting seen on lab-1");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        RunState s = waitFor(run, x -> x.step("look").orElseThrow().status() == StepStatus.PASSED);
        assertThat(s.step("look").orElseThrow().note()).isEqualTo("greeting seen on lab-1");
        waitUntil(() -> fx(() -> robot.from(root).lookup("#event-feed").queryListView().getItems().stream()
                .anyMatch(l -> l.toString().contains("look confirmed: greeting seen on lab-1"))));
    }

    @Test
    void aFailedStepRollsBack(FxRobot robot) throws Exception {
        RunWindow run = startFromLibrary(robot, false);
        Node root = run.view().node();
        for (String step : List.of("hello", "look")) {
            waitFor(run, s -> s.awaiting() != null && step.equals(s.awaiting().stepId()));
            clickWhenThere(robot, root, "#btn-run");
            if (step.equals("look")) {
                waitFor(run, s -> s.step("look").orElseThrow().status() == StepStatus.AWAITING_CONFIRMATION);
                clickWhenThere(robot, root, "#btn-confirm");
            }
        }
        waitFor(run, s -> s.awaiting() != null && "breaks".equals(s.awaiting().stepId())
                && s.step("breaks").orElseThrow().status() == StepStatus.PENDING);
        clickWhenThere(robot, root, "#btn-run");
        waitFor(run, s -> s.step("breaks").orElseThrow().status() == StepStatus.FAILED && s.awaiting() != null);
        waitUntil(() -> text(root, "#step-status").equals("failed"));
        assertThat(text(root, "#step-message")).isNotBlank();
        assertThat(lookup(root, "#btn-retry")).isNotNull();

        clickWhenThere(robot, root, "#btn-rollback");
        waitUntil(() -> robot.lookup("#reason").tryQuery().isPresent());
        robot.clickOn("#reason").write("boom on lab-1");
        robot.clickOn("#reason-ok");
        RunState end = waitFor(run, s -> s.status().ended());
        assertThat(end.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(end.step("undo").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
        waitUntil(() -> text(root, "#run-status").equals("rolled back"));
    }

    @Test
    void aDryRunRendersEachHostsCommandAndExecutesNothing(FxRobot robot) throws Exception {
        RunWindow run = startFromLibrary(robot, true);
        Node root = run.view().node();
        waitFor(run, s -> s.awaiting() != null && "hello".equals(s.awaiting().stepId()));
        assertThat(text(root, "#mode-chip")).contains("DRY RUN");
        assertThat(text(root, "#host-commands")).contains("lab-1$ echo \"hello from lab-1\"");
        clickWhenThere(robot, root, "#btn-run");
        RunState s = waitFor(run, x -> x.step("hello").orElseThrow().status() == StepStatus.PASSED);
        assertThat(s.step("hello").orElseThrow().message()).contains("dry run");
        assertThat(s.step("hello").orElseThrow().hosts()).allSatisfy(h -> assertThat(h.output()).isNullOrEmpty());
    }

    @Test
    void theStartDialogSaysWhatIsMissing(FxRobot robot) throws Exception {
        openStartDialog(robot);
        TextInputControl operator = robot.lookup("#operator").queryAs(TextInputControl.class);
        fx(() -> {
            operator.clear();
            return null;
        });
        robot.clickOn("#start-run");
        assertThat(robot.lookup("#start-error").queryAs(Label.class).getText()).contains("operator's name");
        robot.clickOn("#operator").write("alice");
        robot.clickOn("#start-run");
        assertThat(robot.lookup("#start-error").queryAs(Label.class).getText()).contains("token").contains("needs a value");
        Node token = robot.lookup("#var-token").query();
        assertThat(token).isInstanceOf(javafx.scene.control.PasswordField.class);
        robot.clickOn("#var-token").write("s3cret");
        robot.clickOn("#window-end").write("25:99");
        robot.clickOn("#start-run");
        assertThat(robot.lookup("#start-error").queryAs(Label.class).getText()).contains("Window end");
        assertThat(robot.lookup("#start-run-dialog").tryQuery().isPresent()).isTrue();
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
    }

    @Test
    void closingMidRunAsksAndBelayOffersToResumeIt(FxRobot robot) throws Exception {
        String runId = closedMidRun(robot);

        fx(() -> {
            window.offerResume();
            return null;
        });
        waitUntil(() -> robot.lookup("#resume-dialog").tryQuery().isPresent());
        fx(() -> {
            var list = robot.lookup("#resume-runs").<ResumeInfo>queryListView();
            list.getItems().stream().filter(r -> r.runId().equals(runId)).findFirst()
                    .ifPresent(r -> list.getSelectionModel().select(r));
            return null;
        });
        robot.clickOn("#resume-secret-token").write("s3cret-token");
        robot.clickOn("Resume");
        waitUntil(() -> fx(() -> window.runs().windows().size()) >= 2);
        RunWindow resumed = fx(() -> window.runs().windows().get(window.runs().windows().size() - 1));
        RunState s = waitFor(resumed, x -> x.awaiting() != null && "look".equals(x.awaiting().stepId()));
        assertThat(s.runId()).isEqualTo(runId);
        assertThat(s.step("hello").orElseThrow().status()).isEqualTo(StepStatus.PASSED);
        clickWhenThere(robot, resumed.view().node(), "#btn-run");
        waitFor(resumed, x -> x.step("look").orElseThrow().status() == StepStatus.AWAITING_CONFIRMATION);
        clickWhenThere(robot, resumed.view().node(), "#btn-confirm");
        waitFor(resumed, x -> x.step("look").orElseThrow().status() == StepStatus.PASSED);
    }

    @Test
    void aTerminalStepTypesItsCommandIntoTheHostsTerminal(FxRobot robot) throws Exception {
        RunWindow run = startFromLibrary(robot, "ui-terminal", false);
        Node root = run.view().node();
        waitFor(run, s -> s.awaiting() != null && "by-hand".equals(s.awaiting().stepId()));
        clickWhenThere(robot, root, "#btn-run");
        waitFor(run, s -> s.step("by-hand").orElseThrow().status() == StepStatus.AWAITING_CONFIRMATION);
        clickWhenThere(robot, root, "#btn-terminal");
        Path marker = desk.service().settings().labDir().resolve("hosts").resolve("lab-1").resolve("root").resolve("typed-by-belay"); // its /root
        waitUntil(() -> Files.exists(marker));
        assertThat(lookup(root, "#terminal-tabs")).isNotNull();
        clickWhenThere(robot, root, "#btn-confirm");
        RunState end = waitFor(run, s -> s.status().ended());
        assertThat(end.status()).isEqualTo(RunStatus.COMPLETED);
    }

    /** "Not now" at start loses nothing: History offers Resume… on the unfinished run, into the same run window. */
    @Test
    void anUnfinishedRunResumesFromHistory(FxRobot robot) throws Exception {
        String runId = closedMidRun(robot);

        robot.press(KeyCode.CONTROL, KeyCode.H).release(KeyCode.H, KeyCode.CONTROL);
        var history = fx(() -> window.history().view());
        fx(() -> history.refresh()).get(FxTest.WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
        // Ctrl+H is handled on the FX thread after the key events: wait for History to be on screen
        // (CI once looked the table up before it was, on a loaded machine)
        waitUntil(() -> fx(() -> robot.lookup("#runs-table").tryQuery().isPresent()));
        var runs = robot.lookup("#runs-table").<dev.belay.audit.RunSummary>queryTableView();
        dev.belay.audit.RunSummary unfinished = fx(() -> runs.getItems().stream()
                .filter(r -> r.runId().equals(runId)).findFirst().orElseThrow());
        assertThat(unfinished.outcome()).isEqualTo(dev.belay.audit.RunOutcome.UNFINISHED);
        assertThat(unfinished.rehearsal()).isTrue(); // started on the practice lab
        robot.interact(() -> runs.getSelectionModel().select(unfinished));
        waitUntil(() -> fx(() -> robot.lookup("#resume-run").tryQuery().map(Node::isVisible).orElse(false)));
        int before = fx(() -> window.runs().windows().size());
        robot.interact(() -> robot.lookup("#resume-run").queryButton().fire()); // as a click or Enter on it would

        try {
            waitUntil(() -> robot.lookup("#resume-dialog").tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no resume dialog; shown instead: " + fx(() -> javafx.stage.Window.getWindows()
                    .stream().map(w -> w.getScene() == null ? "" : w.getScene().getRoot().lookupAll(".label").stream()
                            .map(n -> ((Label) n).getText()).toList().toString()).toList()), e);
        }
        assertThat(fx(() -> robot.lookup("#resume-runs").<ResumeInfo>queryListView().getItems()))
                .extracting(ResumeInfo::runId).containsExactly(runId);
        robot.clickOn("#resume-secret-token").write("s3cret-token");
        robot.clickOn("Resume");
        waitUntil(() -> fx(() -> window.runs().windows().size()) > before);
        RunWindow resumed = fx(() -> window.runs().windows().get(before));
        RunState s = waitFor(resumed, x -> x.awaiting() != null && "look".equals(x.awaiting().stepId()));
        assertThat(s.runId()).isEqualTo(runId);
        assertThat(s.step("hello").orElseThrow().status()).isEqualTo(StepStatus.PASSED);

        // While it runs here, Resume… shows its window instead of resuming it twice.
        robot.interact(() -> window.history().view().openRun(runId));
        waitUntil(() -> fx(() -> robot.lookup("#resume-run").tryQuery().map(Node::isVisible).orElse(false)));
        fx(() -> {
            window.runs().resume(window.runs().windows().get(0).stage(), runId);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.runs().windows().size())).isEqualTo(before + 1);
        assertThat(robot.lookup("#resume-dialog").tryQuery()).isEmpty();
    }

    // ---- helpers

    private void openStartDialog(FxRobot robot) throws Exception {
        DesktopFixture.openStartDialog(robot, "ui-quick");
    }

    /** Starts ui-quick, runs its first step, then closes the window mid-run choosing "Close, resume later"; the run's id. */
    private String closedMidRun(FxRobot robot) throws Exception {
        RunWindow run = startFromLibrary(robot, false);
        waitFor(run, s -> s.awaiting() != null && "hello".equals(s.awaiting().stepId()));
        clickWhenThere(robot, run.view().node(), "#btn-run");
        waitFor(run, s -> s.awaiting() != null && "look".equals(s.awaiting().stepId()));
        String runId = run.view().session().controller().runId();
        WaitForAsyncUtils.asyncFx(run::requestClose);
        waitUntil(() -> robot.lookup("#close-run-dialog").tryQuery().isPresent());
        robot.clickOn("Close, resume later");
        waitUntil(() -> fx(() -> !run.stage().isShowing()));
        return runId;
    }

    private RunWindow startFromLibrary(FxRobot robot, boolean dryRun) throws Exception {
        return startFromLibrary(robot, "ui-quick", dryRun);
    }

    private RunWindow startFromLibrary(FxRobot robot, String runbookId, boolean dryRun) throws Exception {
        RunWindow run = DesktopFixture.startFromLibrary(robot, window, runbookId, r -> {
            if (dryRun) {
                r.clickOn("#mode-dry");
            }
        });
        assertThat(desk.prefs().get(StartRunDialog.OPERATOR_KEY, null)).isEqualTo("alice");
        return run;
    }
}
