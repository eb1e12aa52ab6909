package dev.belay.ui;

import static dev.belay.ui.FxTest.fx;
import static dev.belay.ui.FxTest.text;
import static dev.belay.ui.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.belay.ui.library.LibraryFolders;
import dev.belay.ui.run.RunService;
import dev.belay.ui.run.RunSettings;
import dev.belay.ui.run.RunWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeoutException;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the desktop tests on the practice lab set up alike, one per test class ({@code @BeforeAll},
 * closed in {@code @AfterAll}): a {@link RunService} over a throwaway directory and preferences node
 * (the user's ~/.belay and preferences stay untouched; the practice lab it starts lives under the
 * directory), a library folder holding the test runbooks asked for, and the walk from the library
 * to a started run.
 */
public final class DesktopFixture implements AutoCloseable {

    /** The runbooks written for the desktop tests. */
    public static final Path TEST_BOOKS = Path.of("src/test/resources/dev/belay/ui/run/runbooks").toAbsolutePath();

    private final Path dir;
    private final Preferences prefs;
    private final RunService service;

    private DesktopFixture(Path dir, Preferences prefs, RunService service) {
        this.dir = dir;
        this.prefs = prefs;
        this.service = service;
    }

    /** A fresh fixture named {@code name} with {@code runbooks} (ids of {@link #TEST_BOOKS}) in its library. */
    public static DesktopFixture create(String name, String... runbooks) throws IOException {
        Path dir = Files.createTempDirectory("belay-" + name);
        Path books = Files.createDirectories(dir.resolve("runbooks"));
        for (String id : runbooks) {
            Files.copy(TEST_BOOKS.resolve(id + ".yaml"), books.resolve(id + ".yaml"));
        }
        Preferences prefs = Preferences.userRoot().node("/dev/belay/test/" + name + "-" + System.nanoTime());
        return new DesktopFixture(dir, prefs, new RunService(RunSettings.under(dir.resolve("home"), prefs)));
    }

    public Path dir() {
        return dir;
    }

    public Preferences prefs() {
        return prefs;
    }

    public RunService service() {
        return service;
    }

    /** The main window on {@code stage} in the app's theme, its library this fixture's runbooks (call from {@code @Start}). */
    public MainWindow show(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        MainWindow window = new MainWindow(new LibraryFolders(prefs.node("library"), dir.resolve("runbooks")), service);
        window.show(stage);
        return window;
    }

    /** A plain owner stage in the app's theme, for run windows and dialogs opened without the main window. */
    public static void showOwner(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(new StackPane(new Label("owner")), 300, 200));
        stage.show();
    }

    /** Hides every run window {@code window} opened (after each test: the next one counts from none). */
    public static void hideRunWindows(MainWindow window) throws Exception {
        fx(() -> {
            for (RunWindow w : window.runs().windows()) {
                w.stage().hide();
            }
            return null;
        });
    }

    /** Selects {@code runbookId} in the library and opens its start dialog with Ctrl+R. */
    public static void openStartDialog(FxRobot robot, String runbookId) throws Exception {
        waitUntil(() -> fx(() -> item(robot.lookup("#library-tree").<TreeView<Object>>query().getRoot(), runbookId) != null));
        fx(() -> {
            TreeView<Object> tree = robot.lookup("#library-tree").query();
            tree.getSelectionModel().select(item(tree.getRoot(), runbookId));
            // Focused on the FX thread, not by a click: TestFX's clickOn works out the tree's screen
            // bounds on the test thread, and while the freshly loaded library still lays out, that
            // raced the FX pulse over the same nodes' text layouts (CI: NullPointerException in
            // PrismTextLayout on the test thread, IndexOutOfBoundsException in the pulse).
            tree.requestFocus();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#start-run-dialog").tryQuery().isPresent());
    }

    /** What a test does in the start dialog after the operator and the token are filled in (e.g. pick dry run). */
    @FunctionalInterface
    public interface DialogStep {
        void fill(FxRobot robot) throws Exception;
    }

    /**
     * Starts {@code runbookId} from the library as alice (its {@code token} var, if it asks one, is
     * s3cret-token) after {@code more}; returns the new run window once its run is attached, failing
     * with the window's error if the run did not start.
     */
    public static RunWindow startFromLibrary(FxRobot robot, MainWindow window, String runbookId, DialogStep more)
            throws Exception {
        int before = fx(() -> window.runs().windows().size());
        openStartDialog(robot, runbookId);
        TextInputControl operator = robot.lookup("#operator").queryAs(TextInputControl.class);
        fx(() -> {
            operator.setText("alice");
            return null;
        });
        if (robot.lookup("#var-token").tryQuery().isPresent()) {
            robot.clickOn("#var-token").write("s3cret-token");
        }
        more.fill(robot);
        robot.clickOn("#start-run");
        waitUntil(() -> fx(() -> window.runs().windows().size() > before));
        RunWindow run = fx(() -> window.runs().windows().get(before));
        awaitStarted(run);
        return run;
    }

    /**
     * Waits until {@code run}'s run is attached, failing with the window's error if it did not start.
     * The first run of a test class starts the practice lab, which on a busy machine takes longer than
     * one bounded wait: up to three.
     */
    public static void awaitStarted(RunWindow run) throws Exception {
        for (int i = 0; i < 3 && !started(run); i++) {
            try {
                waitUntil(() -> started(run));
            } catch (TimeoutException e) {
                // the lab is still starting on a busy machine; the next wait decides
            }
        }
        assertThat(text(run.view().node(), "#run-error")).isEmpty();
        assertThat(fx(() -> run.view().session())).as("the run is attached").isNotNull();
    }

    private static boolean started(RunWindow run) throws Exception {
        return fx(() -> run.view().session() != null || !text(run.view().node(), "#run-error").isEmpty());
    }

    private static TreeItem<Object> item(TreeItem<Object> root, String runbookId) {
        for (TreeItem<Object> group : root.getChildren()) {
            for (TreeItem<Object> i : group.getChildren()) {
                if (i.getValue().toString().contains("id=" + runbookId + ",")) {
                    return i;
                }
            }
        }
        return null;
    }

    /** Closes the service (and the lab it started), drops the preferences node and deletes the directory. */
    @Override
    public void close() throws Exception {
        service.close();
        prefs.removeNode();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
