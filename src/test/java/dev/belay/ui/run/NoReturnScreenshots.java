package dev.belay.ui.run;

import dev.belay.engine.RunController;
import dev.belay.engine.RunMode;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ui.MainWindow;
import dev.belay.ui.library.LibraryFolders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Not a test: takes docs/images/ponr-next.png, ponr-dialog.png, ponr-second.png and ponr-history.png.
 * A practice lab runs ui-ponr (two approvers) to its point of no return; the shots show the Next bar's
 * warning, the operator's typed confirmation, the same window's second-approver question, and a second
 * Belay's History on the same audit file. Run by docs/images/shoot-ponr.sh under Xvfb.
 */
public final class NoReturnScreenshots {

    private static Path outDir;

    private NoReturnScreenshots() {
    }

    public static void main(String[] args) {
        outDir = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath();
        Application.launch(App.class, args);
    }

    /** The application, apart from the main class: JavaFX on the class path needs that. */
    public static final class App extends Application {
        @Override
        public void start(Stage ignored) throws Exception {
            Shots.theme();
            Path dir = Files.createTempDirectory("belay-ponr-shot");
            PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 2, 0));
            Preferences prefs = Shots.prefs("ponr");
            RunService service = Shots.service(dir, prefs, lab);
            Preferences bobsPrefs = Shots.prefs("ponr-bob");
            RunService bobs = new RunService(new RunSettings(service.settings().auditUrl(), bobsPrefs, dir.resolve("bob"),
                    lab.knownHostsPath(), dir.resolve("bob/known_hosts")));
            StartRequest request = new StartRequest(
                    Path.of("src/test/resources/dev/belay/ui/run/runbooks/ui-ponr.yaml").toAbsolutePath(),
                    new InventoryChoice.File(lab.inventoryPath()), "alice", Map.of(),
                    Instant.now().plus(Duration.ofMinutes(40)), RunMode.LIVE, true, false);
            RunWindow window = RunWindow.start(service, request, null, Shots.css());
            Shots.fill(window.stage());
            Shots.drive(() -> drive(window, bobs, bobsPrefs, dir), () -> {
                Window.getWindows().stream().filter(w -> w instanceof Stage).toList().forEach(w -> ((Stage) w).hide());
                service.close();
                bobs.close();
                lab.close();
            });
        }
    }

    private static void drive(RunWindow window, RunService bobs, Preferences bobsPrefs, Path dir) throws Exception {
        Shots.awaitSession(window, 60);
        RunController run = window.view().session().controller();
        run.await(x -> x.awaiting() != null && "commit".equals(x.awaiting().stepId()), Duration.ofSeconds(60));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fx(() -> window.view().node().lookup("#next-ponr")) == null && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        Thread.sleep(1500);
        shoot("ponr-next");

        Platform.runLater(() -> window.view().runNext());
        Thread.sleep(1500);
        fx(() -> field("#ponr-typed").setText("lab"));
        fx(() -> field("#ponr-note").setText("backup of the old tables checked"));
        Thread.sleep(800);
        shoot("ponr-dialog");
        fx(() -> {
            ((Button) lookup("#ponr-approve")).fire();
            return null;
        });
        run.await(x -> x.awaiting() != null && x.awaiting().prompt().contains("alice approved"), Duration.ofSeconds(30));
        Thread.sleep(1200);

        Platform.runLater(() -> window.view().runNext());
        Thread.sleep(1500);
        fx(() -> field("#ponr-name").setText("bob"));
        Thread.sleep(800);
        shoot("ponr-second");
        fx(() -> {
            ((Button) lookup("#ponr-dialog").lookup(".button:cancel") ).fire();
            return null;
        });
        Thread.sleep(800);

        MainWindow bobsWindow = fx(() -> {
            Stage stage = new Stage();
            MainWindow w = new MainWindow(new LibraryFolders(bobsPrefs.node("library"), dir.resolve("runbooks")), bobs);
            w.show(stage);
            Shots.fill(stage);
            stage.setTitle("Belay · bob's desktop");
            ((TabPane) w.history().tab().getTabPane()).getSelectionModel().select(w.history().tab());
            return w;
        });
        Thread.sleep(2500);
        fx(() -> bobsWindow.history().view().pendingApprovals().refresh()).get(30, TimeUnit.SECONDS);
        Thread.sleep(1500);
        shoot("ponr-history");
    }

    private static Node lookup(String id) {
        for (Window w : Window.getWindows()) {
            Node n = w.getScene() == null ? null : w.getScene().lookup(id);
            if (n != null) {
                return n;
            }
        }
        throw new IllegalStateException("nothing shows " + id);
    }

    private static TextField field(String id) {
        return (TextField) lookup(id);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return Shots.fx(c);
    }

    private static void fx(Runnable r) throws Exception {
        Shots.fx(() -> {
            r.run();
            return null;
        });
    }

    private static void shoot(String name) throws Exception {
        Shots.grab(outDir.resolve(name + ".png"));
    }
}
