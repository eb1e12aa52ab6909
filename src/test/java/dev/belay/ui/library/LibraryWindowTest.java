package dev.belay.ui.library;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.belay.runbook.Action;
import dev.belay.runbook.Problem;
import dev.belay.runbook.RunbookLibrary;
import dev.belay.runbook.Step;
import dev.belay.ui.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The library window for real (headless Monocle): pick a runbook, read its steps, search, see problems. */
@ExtendWith(ApplicationExtension.class)
class LibraryWindowTest {

    private Path dir;
    private Preferences prefs;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("belay-library-ui");
        LibraryIndexTest.copy(dir, "practice-upgrade.yaml", "galera-recovery.yaml", "galera-cluster-upgrade.yaml",
                "host-os-upgrade.yaml");
        Files.copy(Path.of("src/test/resources/dev/belay/ui/library/broken-runbook.yaml"),
                dir.resolve("broken-runbook.yaml"));
        prefs = Preferences.userRoot().node("/dev/belay/test/window-" + System.nanoTime());
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new MainWindow(new LibraryFolders(prefs, dir));
        window.show(stage);
    }

    @AfterEach
    void cleanUp() throws Exception {
        prefs.removeNode();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void selectingARunbookShowsItsStepsInOrder(FxRobot robot) {
        waitForTitles(robot, 5);

        robot.clickOn(titleInTree(robot, "Practice upgrade of a fake service (1.0 to 2.0)"));
        WaitForAsyncUtils.waitForFxEvents();

        List<Step> expected = RunbookLibrary.load(dir).find("practice-upgrade").orElseThrow().steps();
        assertThat(robot.lookup("#detail-title").queryAs(Label.class).getText())
                .isEqualTo("Practice upgrade of a fake service (1.0 to 2.0)");
        assertThat(stepTitles(robot, "#steps")).containsExactlyElementsOf(expected.stream().map(Step::title).toList());
        assertThat(chipTexts(robot)).contains("serial 1", "gate on controllers", "point of no return",
                "snapshot practice-config", "2s", "controllers", "practice-svc.bak");
        String manualPrompt = expected.stream().map(Step::action).filter(a -> a instanceof Action.Manual)
                .map(a -> ((Action.Manual) a).prompt()).findFirst().orElseThrow();
        assertThat(robot.lookup("#steps .step-confirm").queryAllAs(Label.class)).extracting(Label::getText)
                .contains(manualPrompt);
        assertThat(robot.lookup("#steps .step-command").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("$ sh \"$HOME/practice-svc/bin/health\"");
        assertThat(stepTitles(robot, "#rollback")).containsExactly("Stop the service",
                "Restore the pre-upgrade backup", "Start 1.0 and check its health");
    }

    @Test
    void searchFiltersTheTreeAndCtrlFFocusesIt(FxRobot robot) {
        waitForTitles(robot, 5);

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TextField search = robot.lookup("#search").queryAs(TextField.class);
        assertThat(search.isFocused()).isTrue();

        robot.write("galera");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(treeTitles(robot)).containsExactlyInAnyOrder(
                "Galera (MariaDB) cluster upgrade (Kolla containers)", "Galera recovery after a full cluster outage");

        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        robot.write("kexec");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(treeTitles(robot)).containsExactly("Host OS minor upgrade (RHEL 7.x)");

        robot.write(" no-such-word");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(treeTitles(robot)).isEmpty();
        assertThat(robot.lookup("#detail-placeholder .label").queryAllAs(Label.class)).extracting(Label::getText)
                .anySatisfy(t -> assertThat(t).startsWith("Nothing matches"));
    }

    @Test
    void aBrokenRunbookShowsItsProblemsInsteadOfFailing(FxRobot robot) {
        waitForTitles(robot, 5);

        robot.clickOn(titleInTree(robot, "broken-runbook.yaml"));
        WaitForAsyncUtils.waitForFxEvents();

        List<Problem> expected = RunbookLibrary.load(dir).resultOf(dir.resolve("broken-runbook.yaml")).problems();
        List<String> shown = robot.lookup("#problems").queryAs(VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertThat(shown).containsExactlyElementsOf(expected.stream().map(Problem::toString).toList());
        assertThat(shown).anySatisfy(s -> assertThat(s).matches(".*broken-runbook\\.yaml:\\d+:\\d+: .*greeting.*"));
        assertThat(shown).anySatisfy(s -> assertThat(s).contains("soon"));
    }

    @Test
    void anAddedFolderLoadsAndIsRemembered(FxRobot robot) throws Exception {
        waitForTitles(robot, 5);
        Path extra = Files.createDirectory(dir.resolve("extra"));
        LibraryIndexTest.copy(extra, "ceph-upgrade.yaml");

        robot.interact(() -> window.library().addFolder(extra));

        waitForTitles(robot, 6);
        assertThat(treeTitles(robot)).contains("Ceph upgrade, Hammer to Jewel");
        assertThat(new LibraryFolders(prefs, dir).all()).containsExactly(dir, extra);
    }

    private static void waitForTitles(FxRobot robot, int count) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> treeTitles(robot).size() >= count));
        } catch (Exception e) {
            throw new AssertionError("the library did not show " + count + " files within 30s", e);
        }
    }

    private static List<String> treeTitles(FxRobot robot) {
        TreeView<?> tree = robot.lookup("#library-tree").queryAs(TreeView.class);
        List<String> out = new ArrayList<>();
        for (TreeItem<?> group : tree.getRoot().getChildren()) {
            for (TreeItem<?> item : group.getChildren()) {
                out.add(((LibraryNode.Item) item.getValue()).entry().title());
            }
        }
        return out;
    }

    private static Node titleInTree(FxRobot robot, String title) {
        return robot.lookup("#library-tree .runbook-title").match(n -> title.equals(((Label) n).getText())).query();
    }

    private static List<String> stepTitles(FxRobot robot, String list) {
        return robot.lookup(list + " .step-title").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private static List<String> chipTexts(FxRobot robot) {
        return robot.lookup("#runbook-detail .chip").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }
}
