package dev.belay.ui.library;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Shows a group heading with its count, or a runbook's title with its id underneath. */
final class LibraryTreeCell extends TreeCell<LibraryNode> {

    LibraryTreeCell() {
        // A zero preferred width keeps the tree from scrolling sideways: long titles ellipsize instead.
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(LibraryNode node, boolean empty) {
        super.updateItem(node, empty);
        getStyleClass().removeAll("group-cell", "runbook-cell", "invalid-cell");
        setText(null);
        if (empty || node == null) {
            setGraphic(null);
            return;
        }
        if (node instanceof LibraryNode.Group g) {
            getStyleClass().add("group-cell");
            setGraphic(group(g));
        } else if (node instanceof LibraryNode.Item item) {
            getStyleClass().add(item.entry().valid() ? "runbook-cell" : "invalid-cell");
            setGraphic(item(item.entry()));
        }
    }

    private static HBox group(LibraryNode.Group g) {
        boolean invalid = LibraryEntry.INVALID_GROUP.equals(g.name());
        Label name = new Label(g.name().toUpperCase(java.util.Locale.ROOT));
        name.getStyleClass().add("group-name");
        Label count = new Label(Integer.toString(g.count()));
        count.getStyleClass().addAll("count", invalid ? "count-danger" : "count-default");
        HBox box = new HBox(8, name, count);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static HBox item(LibraryEntry entry) {
        FontIcon icon = new FontIcon(entry.valid() ? Feather.BOOK_OPEN : Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add(entry.valid() ? "runbook-icon" : "invalid-icon");
        Label title = new Label(entry.title());
        title.getStyleClass().add("runbook-title");
        title.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        title.setTooltip(new javafx.scene.control.Tooltip(entry.title()));
        title.setMinWidth(0);
        String second = entry.valid() ? entry.id() : entry.problems().size() + " problem"
                + (entry.problems().size() == 1 ? "" : "s");
        Label sub = new Label(second);
        sub.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox text = new VBox(1, title, sub);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox box = new HBox(10, icon, text);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setMinWidth(0);
        return box;
    }
}
