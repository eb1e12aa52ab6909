package dev.belay.ui.terminal;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The differing lines of a broadcast, side by side: the majority's on the left, each odd host's on the right. */
final class DivergenceView {

    private static final String MONO = "-fx-font-family: monospace;";

    private DivergenceView() {
    }

    static Node of(Divergence.Result result) {
        VBox box = new VBox(14);
        box.setPadding(new Insets(12));
        String majority = "Majority (" + String.join(", ", result.majorityHosts()) + ")";
        for (Divergence.HostDivergence d : result.divergent()) {
            Label title = new Label(d.host() + " " + d.summary());
            title.setStyle("-fx-font-weight: bold;");
            box.getChildren().addAll(title, grid(majority, d));
        }
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setId("divergence-view");
        return scroll;
    }

    private static GridPane grid(String majority, Divergence.HostDivergence d) {
        GridPane grid = new GridPane();
        grid.setId("divergence-" + d.host());
        grid.setHgap(16);
        grid.setVgap(2);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(half, half);
        grid.addRow(0, header(majority), header(d.host()));
        int row = 1;
        for (Divergence.Row r : d.rows()) {
            grid.addRow(row++, line(r.majority(), "divergence-majority"), line(r.host(), "divergence-host"));
        }
        return grid;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-text-fill: #555;");
        return l;
    }

    /** An empty side is a line the other side does not have; shown as a dash so it is not mistaken for a blank line. */
    private static Label line(String text, String styleClass) {
        Label l = new Label(text == null || text.isEmpty() ? "—" : text);
        l.getStyleClass().add(styleClass);
        String tint = styleClass.equals("divergence-host") ? "#fde2e1" : "#e6f0ff";
        l.setStyle(MONO + "-fx-background-color: " + tint + "; -fx-padding: 1 4 1 4;");
        l.setMaxWidth(Double.MAX_VALUE);
        return l;
    }
}
