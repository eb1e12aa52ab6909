package dev.belay.ui;

import dev.belay.ui.library.LibraryFolders;
import dev.belay.ui.library.LibraryView;
import dev.belay.ui.run.RunLauncher;
import dev.belay.ui.run.RunService;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The main window: the runbook library. "Start run…" (Ctrl+R) opens the start dialog, and each run
 * gets its own window; without a {@link RunService} the library is read-only.
 */
public final class MainWindow {

    static final String STYLESHEET = "/dev/belay/ui/belay.css";

    private final LibraryView library;
    private final BorderPane root = new BorderPane();
    private final RunLauncher runs;

    public MainWindow(LibraryFolders folders) {
        this(folders, null);
    }

    /** @param runs starts runs; null for a read-only library */
    public MainWindow(LibraryFolders folders, RunService runs) {
        this.library = new LibraryView(folders);
        this.runs = runs == null ? null : new RunLauncher(runs, stylesheet());
        root.setCenter(library.node());
        if (this.runs != null) {
            library.setOnStartRun(entry -> this.runs.startRun(root.getScene().getWindow(), entry.runbook(), entry.file()));
        }
    }

    /** The run launcher, or null for a read-only library. */
    public RunLauncher runs() {
        return runs;
    }

    /** Offers to resume runs the audit log shows as unfinished (the query runs in the background). */
    public void offerResume() {
        if (runs != null) {
            runs.offerResume(root.getScene().getWindow());
        }
    }

    static String stylesheet() {
        return MainWindow.class.getResource(STYLESHEET).toExternalForm();
    }

    public LibraryView library() {
        return library;
    }

    /** Builds the scene on {@code stage}, shows it and starts loading the library. */
    public void show(Stage stage) {
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(stylesheet());
        scene.getAccelerators().put(shortcut(KeyCode.F), library::focusSearch);
        scene.getAccelerators().put(shortcut(KeyCode.O), () -> library.chooseFolder(stage));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), library::reload);
        scene.getAccelerators().put(shortcut(KeyCode.R), library::startRun);
        stage.setTitle("Belay · Runbook library");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setScene(scene);
        stage.show();
        library.reload();
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }
}
