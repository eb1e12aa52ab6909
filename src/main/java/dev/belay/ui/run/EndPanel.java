package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import java.time.Duration;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The end of a run: its outcome and why, the time it took against the estimate (and each step's),
 * the downtime the monitors saw, and the ways on: the run in History, and its report.
 */
final class EndPanel {

    /** Where the links lead (the main window's History page). */
    interface Links {
        void history(String runId);

        void export(String runId);
    }

    private final VBox root = new VBox(8);
    private final Links links;

    EndPanel(Links links) {
        this.links = links;
        root.setId("end-panel");
        root.getStyleClass().add("end-panel");
        root.setPadding(new Insets(14, 24, 14, 24));
        root.setVisible(false);
        root.setManaged(false);
    }

    Node node() {
        return root;
    }

    void show(RunEnd end) {
        boolean on = end != null;
        root.setVisible(on);
        root.setManaged(on);
        if (!on) {
            return;
        }
        root.getStyleClass().removeIf(c -> c.startsWith("end-"));
        root.getStyleClass().addAll("end-panel", "end-" + end.outcome().replace(' ', '-'));
        Label outcome = new Label("Run " + end.outcome(), new FontIcon(switch (end.outcome()) {
            case "succeeded" -> Feather.CHECK_CIRCLE;
            case "rolled back" -> Feather.ROTATE_CCW;
            default -> Feather.OCTAGON;
        }));
        outcome.setId("end-outcome");
        outcome.getStyleClass().add(Styles.TITLE_3);
        Label reason = new Label(end.reason() == null || end.reason().isBlank() ? "" : end.reason());
        reason.setId("end-reason");
        reason.setWrapText(true);
        Label took = new Label("Took " + StepLook.duration(end.took()) + (end.estimated().isZero() ? " (no estimate)"
                : " against an estimate of " + StepLook.duration(end.estimated()) + " (" + against(end.took(), end.estimated()) + ")"));
        took.setId("end-took");
        Label downtime = new Label("Downtime: " + end.downtime());
        downtime.setId("end-downtime");
        downtime.setWrapText(true);
        GridPane steps = new GridPane();
        steps.setId("end-steps");
        steps.setHgap(16);
        steps.setVgap(2);
        int row = 0;
        for (RunEnd.StepTime t : end.steps()) {
            Label title = new Label(t.title());
            title.setMinWidth(0);
            Label status = new Label(t.status());
            status.getStyleClass().add(Styles.TEXT_MUTED);
            Label time = new Label(t.took() == null ? "" : StepLook.duration(t.took())
                    + (t.estimate() == null ? "" : " / est. " + StepLook.duration(t.estimate())));
            time.getStyleClass().add(Styles.TEXT_MUTED);
            steps.addRow(row++, title, status, time);
        }
        Hyperlink history = new Hyperlink("Open this run in History", new FontIcon(Feather.CLOCK));
        history.setId("end-history");
        history.setOnAction(e -> links.history(end.runId()));
        Hyperlink export = new Hyperlink("Export its report…", new FontIcon(Feather.DOWNLOAD));
        export.setId("end-export");
        export.setOnAction(e -> links.export(end.runId()));
        HBox linkRow = new HBox(12, history, export);
        linkRow.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().setAll(outcome, reason, took, downtime, steps, linkRow);
    }

    private static String against(Duration took, Duration estimate) {
        long pct = estimate.isZero() ? 0 : Math.round(100.0 * took.toMillis() / estimate.toMillis());
        return pct + "% of it";
    }
}
