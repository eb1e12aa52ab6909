package dev.belay.ui.library;

import dev.belay.ui.fx.Background;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The runbook library: a searchable tree of runbooks grouped by component on the left, the
 * selected runbook (or the problems of a broken file) on the right. Files load off the FX thread.
 */
public final class LibraryView {

    private final LibraryFolders folders;
    private final Background loader = Background.serial("belay-library-loader");
    private final CustomTextField search = new CustomTextField();
    private final TreeView<LibraryNode> tree = new TreeView<>(new TreeItem<>());
    private final Label status = new Label();
    private final StackPane detail = new StackPane();
    private final SplitPane root;
    private LibraryIndex index = new LibraryIndex(List.of());
    private Task<LibraryIndex> current;
    private final Button startRun = new Button("Start run…", new FontIcon(Feather.PLAY));
    private Consumer<LibraryEntry> onStartRun;

    public LibraryView(LibraryFolders folders) {
        this.folders = folders;
        this.root = new SplitPane(sidebar(), detail);
        root.setDividerPositions(0.3);
        root.getStyleClass().add("library");
        SplitPane.setResizableWithParent(root.getItems().get(0), false);
        detail.getStyleClass().add("detail-pane");
        showPlaceholder();
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> show(item));
        search.textProperty().addListener((obs, old, text) -> rebuildTree());
        startRun.setId("start-run-button");
        startRun.getStyleClass().add(Styles.ACCENT);
        startRun.setTooltip(new Tooltip("Start a run of the selected runbook (Ctrl+R)"));
        startRun.setDisable(true);
        startRun.setOnAction(e -> startRun());
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, item) ->
                startRun.setDisable(onStartRun == null || selectedEntry() == null || !selectedEntry().valid()));
    }

    /** What "Start run…" (and Ctrl+R) does with the selected, valid runbook. */
    public void setOnStartRun(Consumer<LibraryEntry> action) {
        this.onStartRun = action;
        startRun.setDisable(action == null || selectedEntry() == null || !selectedEntry().valid());
    }

    /** Starts a run of the selected runbook, if it is valid and runs are enabled. */
    public void startRun() {
        LibraryEntry entry = selectedEntry();
        if (onStartRun != null && entry != null && entry.valid()) {
            onStartRun.accept(entry);
        } else if (entry == null || !entry.valid()) {
            status.setText("Pick a valid runbook first, then Start run (Ctrl+R)");
        }
    }

    public Node node() {
        return root;
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Re-reads every folder in the background; the tree keeps its selection when the file is still there. */
    public void reload() {
        if (current != null) {
            current.cancel();
        }
        List<Path> dirs = folders.all();
        Task<LibraryIndex> task = new LibraryLoadTask(dirs);
        current = task;
        status.setText("Loading " + dirs.size() + " folder" + (dirs.size() == 1 ? "" : "s") + "…");
        task.setOnSucceeded(e -> {
            if (task == current) {
                index = task.getValue();
                rebuildTree();
                status.setText(summaryText());
            }
        });
        task.setOnFailed(e -> {
            if (task == current) {
                status.setText("Could not load the library: " + task.getException().getMessage());
            }
        });
        loader.execute(task);
    }

    /** Adds {@code folder} to the library (remembered for the next launch) and reloads. */
    public void addFolder(Path folder) {
        if (folders.add(folder)) {
            reload();
        } else {
            status.setText(folder + " is already in the library");
        }
    }

    public void chooseFolder(Window owner) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a folder of runbooks");
        File dir = chooser.showDialog(owner);
        if (dir != null) {
            addFolder(dir.toPath());
        }
    }

    private VBox sidebar() {
        Label heading = new Label("Runbooks");
        heading.getStyleClass().add(Styles.TITLE_3);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button add = iconButton(Feather.FOLDER_PLUS, "Add a folder of runbooks (Ctrl+O)",
                () -> chooseFolder(root.getScene().getWindow()));
        add.setId("add-folder");
        Button reload = iconButton(Feather.REFRESH_CW, "Reload every folder (F5)", this::reload);
        HBox header = new HBox(4, heading, grow, startRun, add, reload);
        header.setAlignment(Pos.CENTER_LEFT);

        search.setId("search");
        search.setPromptText("Search runbooks  (Ctrl+F)");
        search.setTooltip(new Tooltip("Matches the id, title, component and summary; Esc clears"));
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });
        tree.setId("library-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(tv -> new LibraryTreeCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        status.setId("library-status");
        status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        status.setWrapText(true);
        VBox box = new VBox(10, header, search, tree, status);
        box.getStyleClass().add("sidebar");
        box.setMinWidth(280);
        return box;
    }

    private static Button iconButton(Feather icon, String tip, Runnable action) {
        Button b = new Button(null, new FontIcon(icon));
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void rebuildTree() {
        LibraryEntry selected = selectedEntry();
        TreeItem<LibraryNode> rootItem = new TreeItem<>();
        TreeItem<LibraryNode> reselect = null;
        for (Map.Entry<String, List<LibraryEntry>> group : index.grouped(search.getText()).entrySet()) {
            TreeItem<LibraryNode> g = new TreeItem<>(new LibraryNode.Group(group.getKey(), group.getValue().size()));
            g.setExpanded(true);
            for (LibraryEntry entry : group.getValue()) {
                TreeItem<LibraryNode> item = new TreeItem<>(new LibraryNode.Item(entry));
                g.getChildren().add(item);
                if (selected != null && Objects.equals(selected.file(), entry.file())) {
                    reselect = item;
                }
            }
            rootItem.getChildren().add(g);
        }
        tree.setRoot(rootItem);
        if (reselect != null) {
            tree.getSelectionModel().select(reselect);
        } else if (index.entries().isEmpty()) {
            showMessage(Feather.FOLDER_PLUS, "No runbooks here yet",
                    "Add a folder of runbook YAML files with Ctrl+O.");
        } else if (rootItem.getChildren().isEmpty()) {
            showMessage(Feather.SEARCH, "Nothing matches \u201c" + search.getText().strip() + "\u201d",
                    "Search looks at the id, title, component and summary. Esc clears it.");
        } else {
            showPlaceholder();
        }
    }

    /** The runbook selected in the tree, or null. */
    public LibraryEntry selectedEntry() {
        TreeItem<LibraryNode> item = tree.getSelectionModel().getSelectedItem();
        return item != null && item.getValue() instanceof LibraryNode.Item i ? i.entry() : null;
    }

    private void show(TreeItem<LibraryNode> item) {
        if (item == null || !(item.getValue() instanceof LibraryNode.Item i)) {
            showPlaceholder();
            return;
        }
        LibraryEntry entry = i.entry();
        detail.getChildren().setAll(entry.valid() ? RunbookDetailView.of(entry) : ProblemsView.of(entry));
    }

    private void showPlaceholder() {
        showMessage(Feather.BOOK_OPEN, "Pick a runbook", "Its roles, variables and steps show here.");
    }

    private void showMessage(Feather icon, String title, String text) {
        FontIcon big = new FontIcon(icon);
        big.getStyleClass().add("placeholder-icon");
        Label t = new Label(title);
        t.getStyleClass().add(Styles.TITLE_3);
        Label s = new Label(text);
        s.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(10, big, t, s);
        box.setAlignment(Pos.CENTER);
        box.setId("detail-placeholder");
        detail.getChildren().setAll(box);
    }

    private String summaryText() {
        long invalid = index.invalidCount();
        long valid = index.entries().size() - invalid;
        String text = valid + " runbook" + (valid == 1 ? "" : "s") + " from " + String.join(", ",
                folders.all().stream().map(LibraryView::shortPath).toList());
        return invalid == 0 ? text : text + " · " + invalid + " with problems";
    }

    private static String shortPath(Path p) {
        Path home = Path.of(System.getProperty("user.home"));
        return p.startsWith(home) ? "~/" + home.relativize(p) : p.toString();
    }
}
