package dev.belay.ui;

import dev.belay.audit.AuditStore;
import dev.belay.ui.history.HistoryPage;
import dev.belay.ui.library.LibraryFolders;
import dev.belay.ui.library.LibraryView;
import dev.belay.ui.run.RunLauncher;
import dev.belay.ui.run.RunService;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The main window: the runbook library and the history of runs as tabs. "Start run…" (Ctrl+R)
 * opens the start dialog, and each run gets its own window; without a {@link RunService} no run starts.
 */
public final class MainWindow {

    static final String STYLESHEET = "/dev/belay/ui/belay.css";

    private final LibraryView library;
    private final BorderPane root = new BorderPane();
    private final TabPane pages = new TabPane();
    private final HistoryPage history;
    private final RunLauncher runs;

    public MainWindow(LibraryFolders folders) {
        this(folders, AuditStore::openDefault);
    }

    /** A library and history without runs (read-only). */
    public MainWindow(LibraryFolders folders, Supplier<AuditStore> audit) {
        this(folders, audit, null);
    }

    /** The full window: "Start run…" (Ctrl+R) starts runs through {@code runs}, history reads its audit log. */
    public MainWindow(LibraryFolders folders, RunService runs) {
        this(folders, runs::audit, runs); // one store per database: the run service's, shared
    }

    private MainWindow(LibraryFolders folders, Supplier<AuditStore> audit, RunService runs) {
        this.library = new LibraryView(folders);
        this.history = new HistoryPage(audit, runs == null);
        this.runs = runs == null ? null : new RunLauncher(runs, stylesheet());
        Tab libraryTab = new Tab("Library", library.node());
        libraryTab.setClosable(false);
        pages.getTabs().addAll(libraryTab, history.tab());
        root.setCenter(pages);
        if (this.runs != null) {
            this.runs.setEndLinks(new dev.belay.ui.run.RunView.EndLinks() {
                @Override
                public void history(String runId) {
                    showRun(runId);
                }

                @Override
                public void export(String runId) {
                    showRun(runId); // the run's page in History has the report's export
                }
            });
            library.setOnStartRun(entry -> this.runs.startRun(root.getScene().getWindow(), entry.runbook(), entry.file()));
            history.setOnResume(run -> this.runs.resume(root.getScene().getWindow(), run.runId()));
        }
    }

    /** Brings the main window forward on the History page with {@code runId} open. */
    private void showRun(String runId) {
        pages.getSelectionModel().select(history.tab());
        history.view().openRun(runId);
        if (root.getScene() != null && root.getScene().getWindow() instanceof Stage s) {
            s.toFront();
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

    public HistoryPage history() {
        return history;
    }

    /** Builds the scene on {@code stage}, shows it and starts loading the library. */
    public void show(Stage stage) {
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(stylesheet());
        scene.getAccelerators().put(shortcut(KeyCode.F), library::focusSearch);
        scene.getAccelerators().put(shortcut(KeyCode.O), () -> library.chooseFolder(stage));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), library::reload);
        scene.getAccelerators().put(shortcut(KeyCode.R), library::startRun);
        scene.getAccelerators().put(HistoryPage.SHORTCUT, () -> pages.getSelectionModel().select(history.tab()));
        stage.setOnHidden(e -> history.close());
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
