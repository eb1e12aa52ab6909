package dev.belay.ui;

import dev.belay.audit.AuditStore;
import dev.belay.ui.history.HistoryPage;
import dev.belay.ui.library.LibraryFolders;
import dev.belay.ui.library.LibraryView;
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
 * The main window: for now the runbook library fills it. The run screens (driven by the engine)
 * will sit beside the library as further pages of this window's center.
 */
public final class MainWindow {

    static final String STYLESHEET = "/dev/belay/ui/belay.css";

    private final LibraryView library;
    private final BorderPane root = new BorderPane();
    private final TabPane pages = new TabPane();
    private final HistoryPage history;

    public MainWindow(LibraryFolders folders) {
        this(folders, AuditStore::openDefault);
    }

    public MainWindow(LibraryFolders folders, Supplier<AuditStore> audit) {
        this.library = new LibraryView(folders);
        this.history = new HistoryPage(audit);
        Tab libraryTab = new Tab("Library", library.node());
        libraryTab.setClosable(false);
        pages.getTabs().addAll(libraryTab, history.tab());
        root.setCenter(pages);
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
        scene.getStylesheets().add(MainWindow.class.getResource(STYLESHEET).toExternalForm());
        scene.getAccelerators().put(shortcut(KeyCode.F), library::focusSearch);
        scene.getAccelerators().put(shortcut(KeyCode.O), () -> library.chooseFolder(stage));
        scene.getAccelerators().put(shortcut(KeyCode.R), library::reload);
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
