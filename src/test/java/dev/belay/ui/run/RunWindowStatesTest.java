package dev.belay.ui.run;

import static dev.belay.ui.FxTest.fx;
import static dev.belay.ui.FxTest.lookup;
import static dev.belay.ui.FxTest.text;
import static dev.belay.ui.FxTest.waitFor;
import static dev.belay.ui.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.engine.Resolution;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunState;
import dev.belay.engine.RunStatus;
import dev.belay.engine.StepStatus;
import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import dev.belay.ui.DesktopFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
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
 * The run window's states on real stages, over the practice lab on loopback: a failure under
 * on_failure: stop offers what is possible, countdowns, the end panel, the resolve-unknown note,
 * and the start dialog's labels, badge and refusals.
 */
@ExtendWith(ApplicationExtension.class)
class RunWindowStatesTest {

    static final Path BOOKS = DesktopFixture.TEST_BOOKS;
    static DesktopFixture desk;
    static RunService service;
    private Stage owner;
    private RunWindow window;

    @BeforeAll
    static void lab() throws IOException {
        desk = DesktopFixture.create("run-states");
        service = desk.service(); // it starts the practice lab
    }

    @AfterAll
    static void cleanUp() throws Exception {
        desk.close();
    }

    @Start
    void start(Stage stage) {
        owner = stage;
        DesktopFixture.showOwner(stage);
    }

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            fx(() -> {
                window.stage().hide();
                return null;
            });
        }
    }

    private RunWindow open(String book, boolean stepByStep, Map<String, String> vars) throws Exception {
        StartRequest request = new StartRequest(BOOKS.resolve(book + ".yaml"), new InventoryChoice.PracticeLab(),
                "alice", vars, null, RunMode.LIVE, true, stepByStep);
        window = fx(() -> RunWindow.start(service, request, null, null));
        DesktopFixture.awaitStarted(window);
        return window;
    }

    @Test
    void aFailureUnderOnFailureStopOffersRollbackAndAbortAndSaysWhyNotRetryOrSkip(FxRobot robot) throws Exception {
        RunWindow run = open("ui-stop", false, Map.of());
        Node root = run.view().node();
        waitFor(run, s -> s.step("breaks").orElseThrow().status() == StepStatus.FAILED && s.awaiting() != null);
        waitUntil(() -> lookup(root, "#btn-abort-step") != null);
        assertThat(lookup(root, "#btn-rollback")).isNotNull();
        assertThat(lookup(root, "#btn-retry")).isNull();
        assertThat(text(root, "#why-not")).contains("Retry is not offered").contains("Skip is not offered")
                .contains("on_failure: stop");
        assertThat(text(root, "#step-message")).contains("failed on lab-1").doesNotContain("saw the command");
        // one per-host summary: the check in plain words, its expression folded away, the last lines
        assertThat(text(root, "#failed-check-lab-1")).isEqualTo(
                "Expected output matches /^schema version [0-9]+$/; got no match in 2 line(s) of output"
                        + " (last line: \"ERROR 2003 can't connect\").");
        assertThat(fx(() -> ((javafx.scene.control.TitledPane) lookup(root, "#expression-lab-1")).isExpanded())).isFalse();
        assertThat(text(root, "#last-lines-lab-1")).contains("connecting to the database").contains("ERROR 2003");
        assertThat(fx(() -> lookup(root, "#output-lab-1") == null || !lookup(root, "#output-lab-1").isVisible())).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitUntil(() -> text(root, "#run-error").contains("nothing to run"));
        assertThat(text(root, "#run-error")).contains("abort");

        robot.clickOn(lookup(root, "#btn-abort-step"));
        waitUntil(() -> robot.lookup("#reason").tryQuery().isPresent());
        robot.clickOn("#reason").write("database unreachable; calling the DBA");
        robot.clickOn("#reason-ok");
        RunState end = waitFor(run, s -> s.status().ended());
        assertThat(end.status()).isEqualTo(RunStatus.ABORTED);
        waitUntil(() -> text(root, "#end-outcome").equals("Run aborted"));
        assertThat(text(root, "#end-reason")).isEqualTo("database unreachable; calling the DBA");
        assertThat(text(root, "#end-downtime")).contains("no monitors");
        assertThat(lookup(root, "#end-history")).isNotNull();
        assertThat(lookup(root, "#end-export")).isNotNull();
    }

    @Test
    void retriesAndWaitsCountDownInsteadOfSayingRunning(FxRobot robot) throws Exception {
        RunWindow run = open("ui-waits", false, Map.of());
        Node root = run.view().node();
        waitFor(run, s -> s.step("settle").orElseThrow().countdown() != null);
        waitUntil(() -> text(root, "#countdown").startsWith("Not passing yet on lab-1: attempt 2 in"));
        assertThat(text(root, "#countdown")).contains("gives up in");
        String first = text(root, "#countdown");
        waitUntil(() -> !text(root, "#countdown").equals(first)); // it counts
        assertThat(text(root, "#step-idle")).isEmpty();

        robot.clickOn(lookup(root, "#btn-abort"));
        waitUntil(() -> robot.lookup("#reason").tryQuery().isPresent());
        robot.clickOn("#reason").write("seen the countdown");
        robot.clickOn("#reason-ok");
        waitFor(run, s -> s.status().ended());
        waitUntil(() -> text(root, "#end-outcome").equals("Run aborted"));
    }

    @Test
    void aCompletedRunShowsItsEndPanelAndRollbackStepsAreNotNeeded(FxRobot robot) throws Exception {
        RunWindow run = open("ui-quick", false, Map.of("token", "s3cret-token"));
        Node root = run.view().node();
        waitFor(run, s -> s.step("look").orElseThrow().status() == StepStatus.AWAITING_CONFIRMATION);
        waitUntil(() -> lookup(root, "#btn-confirm") != null);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor(run, s -> s.step("breaks").orElseThrow().status() == StepStatus.FAILED && s.awaiting() != null);
        waitUntil(() -> lookup(root, "#btn-skip") != null);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#reason").tryQuery().isPresent());
        robot.clickOn("#reason").write("known failure of the test step");
        robot.clickOn("#reason-ok");
        RunState end = waitFor(run, s -> s.status().ended());
        assertThat(end.status()).isEqualTo(RunStatus.COMPLETED);
        waitUntil(() -> text(root, "#end-outcome").equals("Run succeeded"));
        assertThat(text(root, "#end-took")).contains("against an estimate of 2m 00s");
        assertThat(text(root, "#end-steps")).contains("Undo it\nnot needed");
        waitUntil(() -> fx(() -> robot.from(root).lookup("#step-undo").queryAll().stream()
                .anyMatch(n -> n.lookupAll(".label").stream().anyMatch(l -> ((Label) l).getText().contains("not needed")))));
    }

    @Test
    void resolvingAnUnknownOutcomeNeedsTheOperatorsOwnNoteAndShowsWholeButtons(FxRobot robot) throws Exception {
        CompletableFuture<Optional<RunPresenter.Resolved>> answer = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> answer.complete(ReasonDialog.resolution(owner, "restart-nova", "compute-7")));
        waitUntil(() -> robot.lookup("#resolve-dialog").tryQuery().isPresent());
        Button done = robot.lookup("#resolve-done").queryButton();
        for (String id : new String[] {"#resolve-rerun", "#resolve-done", "#resolve-failed"}) {
            Button b = robot.lookup(id).queryButton();
            assertThat(b.isDisabled()).as(id + " before a note").isTrue();
            assertThat(fx(() -> b.getWidth() >= b.prefWidth(-1) - 0.5)).as(id + " shows its whole text").isTrue();
        }
        robot.clickOn("#resolve-note").write("nova-compute is at 27.1 and running on compute-7");
        waitUntil(() -> !done.isDisabled());
        robot.clickOn(done);
        Optional<RunPresenter.Resolved> r = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r).contains(new RunPresenter.Resolved(Resolution.MARK_DONE, "nova-compute is at 27.1 and running on compute-7"));
    }

    @Test
    void theStartDialogShowsTheColouredBadgePromptsAsLabelsAndRefusesAShortSecret(FxRobot robot) throws Exception {
        LoadResult<Runbook> loaded = new RunbookLoader().load(BOOKS.resolve("ui-quick.yaml"));
        CompletableFuture<Optional<StartRequest>> req = new CompletableFuture<>();
        WaitForAsyncUtils.asyncFx(() -> req.complete(new StartRunDialog(owner, loaded.value(),
                BOOKS.resolve("ui-quick.yaml"), service).showAndWait()));
        waitUntil(() -> robot.lookup("#start-run-dialog").tryQuery().isPresent());
        Label badge = robot.lookup("#start-environment").queryAs(Label.class);
        assertThat(badge.getText()).isEqualTo("LAB");
        assertThat(fx(() -> badge.getBackground() != null && !badge.getBackground().getFills().isEmpty())).isTrue();
        assertThat(text(robot.lookup("#start-run-dialog").query(), "#var-label-token")).isEqualTo("API token");
        assertThat(text(robot.lookup("#start-run-dialog").query(), "#var-label-greeting")).isEqualTo("What to say");
        assertThat(robot.lookup("#window-hint").queryAs(Label.class).getText()).contains("local time");
        for (Node n : robot.lookup("#start-run-dialog").lookup(".label").queryAll()) {
            Labeled l = (Labeled) n;
            if (l.isVisible() && !l.getText().isEmpty() && !l.isWrapText()) {
                assertThat(fx(() -> l.getWidth() >= l.prefWidth(-1) - 0.5)).as("'%s' is cut off", l.getText()).isTrue();
            }
        }
        robot.clickOn("#var-token").write("abc");
        robot.clickOn("#window-end").write("23:30");
        assertThat(robot.lookup("#window-hint").queryAs(Label.class).getText()).contains("ends").contains("23:30 local time");
        robot.clickOn("#start-run");
        assertThat(robot.lookup("#start-error").queryAs(Label.class).getText()).contains("token").contains("at least 4");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        assertThat(req.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
    }
}
