package dev.belay.ui.library;

import atlantafx.base.theme.Styles;
import dev.belay.runbook.Problem;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What is wrong with a file that did not load, one {@code file:line:column: message} per problem. */
final class ProblemsView {

    private ProblemsView() {
    }

    static Node of(LibraryEntry entry) {
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add("problems-icon");
        Label title = new Label(entry.file().getFileName() + " does not load");
        title.getStyleClass().add(Styles.TITLE_2);
        HBox heading = new HBox(12, icon, title);
        heading.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        int n = entry.problems().size();
        Label hint = new Label(n + " problem" + (n == 1 ? "" : "s") + " in " + entry.file()
                + ". Fix the file and reload (Ctrl+R); belay validate prints the same list.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        VBox list = new VBox(6);
        list.setId("problems");
        for (Problem p : entry.problems()) {
            Label l = new Label(p.toString());
            l.getStyleClass().addAll("problem", "mono");
            l.setWrapText(true);
            list.getChildren().add(l);
        }
        VBox box = new VBox(14, heading, hint, list);
        box.setPadding(new Insets(28, 32, 28, 32));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }
}
