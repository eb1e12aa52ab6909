package dev.belay.ui.run;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Not a test: takes docs/images/run-start-dialog.png, the start dialog for a shipped runbook with
 * prompted variables (its labels from {@code prompt:}, the environment badge, the window end in local
 * time). Run under Xvfb: docs/images/shoot-run-states.sh.
 */
public final class StartDialogScreenshot {

    private static Path out;

    private StartDialogScreenshot() {
    }

    public static void main(String[] args) {
        out = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath().resolve("run-start-dialog.png");
        Application.launch(App.class, args);
    }

    /** The application, apart from the main class: JavaFX on the class path needs that. */
    public static final class App extends Application {
        @Override
        public void start(Stage owner) throws Exception {
            Shots.theme();
            RunService service = Shots.service(Files.createTempDirectory("belay-start-shot"), Shots.prefs("start"), null);
            Path file = Path.of("runbooks/galera-cluster-upgrade.yaml").toAbsolutePath();
            LoadResult<Runbook> loaded = new RunbookLoader().load(file);
            Shots.owner(owner);
            StartRunDialog dialog = new StartRunDialog(owner, loaded.value(), file, service);
            Platform.runLater(dialog::showAndWait);
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(6000); // the inventory choice and the lab options lay out after showing
                    Shots.grab(out);
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    Runtime.getRuntime().halt(0); // a modal dialog is open: exiting the toolkit under it is unsafe
                }
            });
        }
    }
}
