package dev.belay.ui.history;

import dev.belay.audit.RunSummary;
import dev.belay.audit.compare.ComparisonText;
import dev.belay.audit.compare.RunComparison;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * Two runs side by side, from {@link RunComparison}: the steps with their status and duration in each
 * and the difference, the checks that passed in one run and failed in the other, and per step and host
 * the output of each run as a unified diff (removed lines red, added green). Built on the FX thread
 * from a comparison loaded elsewhere.
 */
public final class CompareView {

    private final Label runA = new Label();
    private final Label runB = new Label();
    private final TableView<RunComparison.StepRow> steps = new TableView<>();
    private final VBox checks = new VBox(4);
    private final ListView<RunComparison.OutputDiff> outputs = new ListView<>();
    private final ListView<String> diff = new ListView<>();
    private final BorderPane root = new BorderPane();

    public CompareView() {
        runA.setId("compare-a");
        runB.setId("compare-b");
        Label title = new Label("Compare two runs");
        title.getStyleClass().add("title-3");
        VBox head = new VBox(4, title, runA, runB);
        head.setPadding(new Insets(12, 14, 8, 14));

        steps.setId("compare-steps");
        steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        steps.getColumns().add(RunsTable.column("Step", 200, s -> s.stepId() + "  " + s.title()));
        steps.getColumns().add(RunsTable.column("A", 80, s -> dash(s.statusA())));
        steps.getColumns().add(RunsTable.column("A took", 80, s -> ComparisonText.duration(s.tookA())));
        steps.getColumns().add(RunsTable.column("B", 80, s -> dash(s.statusB())));
        steps.getColumns().add(RunsTable.column("B took", 80, s -> ComparisonText.duration(s.tookB())));
        steps.getColumns().add(RunsTable.column("B − A", 120, ComparisonText::versus));
        steps.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RunComparison.StepRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("event-failed");
                if (!empty && item != null && !java.util.Objects.equals(item.statusA(), item.statusB())) {
                    getStyleClass().add("event-failed"); // a step that ended differently stands out
                }
            }
        });
        steps.setPrefHeight(190);

        checks.setId("compare-checks");
        checks.setPadding(new Insets(6, 14, 6, 14));

        outputs.setId("compare-outputs");
        outputs.setPrefWidth(240);
        outputs.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RunComparison.OutputDiff d, boolean empty) {
                super.updateItem(d, empty);
                setText(empty || d == null ? null : d.stepId() + " on " + hosts(d) + (d.same() ? "  (same)" : "  (differs)"));
            }
        });
        diff.setId("compare-diff");
        diff.getStyleClass().add("diff");
        diff.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().removeAll("diff-add", "diff-del", "diff-hunk");
                setText(empty ? null : line);
                if (!empty && line != null) {
                    if (line.startsWith("+") && !line.startsWith("+++")) {
                        getStyleClass().add("diff-add");
                    } else if (line.startsWith("-") && !line.startsWith("---")) {
                        getStyleClass().add("diff-del");
                    } else if (line.startsWith("@@")) {
                        getStyleClass().add("diff-hunk");
                    }
                }
            }
        });
        outputs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> showDiff(now));
        SplitPane outputSplit = new SplitPane(outputs, diff);
        outputSplit.setDividerPositions(0.3);

        Label checksTitle = new Label("Checks that passed in one run and failed in the other");
        checksTitle.getStyleClass().add("title-4");
        Label outputsTitle = new Label("Output per step and host (A → B)");
        outputsTitle.getStyleClass().add("title-4");
        VBox body = new VBox(8, steps, padded(checksTitle), checks, padded(outputsTitle), outputSplit);
        VBox.setVgrow(outputSplit, javafx.scene.layout.Priority.ALWAYS);
        root.setTop(head);
        root.setCenter(body);
        root.getStyleClass().add("history");
        root.getStylesheets().add(CompareView.class.getResource(HistoryView.STYLESHEET).toExternalForm());
    }

    public Node node() {
        return root;
    }

    /** Shows a comparison; FX thread. */
    public void show(RunComparison c) {
        runA.setText("A: " + describe(c.a()));
        runB.setText("B: " + describe(c.b()));
        steps.getItems().setAll(c.steps());
        checks.getChildren().clear();
        if (c.checks().isEmpty()) {
            checks.getChildren().add(muted("None: every check ended the same way in both runs."));
        }
        for (RunComparison.CheckFlip f : c.checks()) {
            Label l = new Label(f.stepId() + " / " + f.expectation() + ":  A " + f.inA() + ";  B " + f.inB());
            l.getStyleClass().add("failure-title");
            l.setWrapText(true);
            checks.getChildren().add(l);
        }
        outputs.getItems().setAll(c.outputs());
        c.outputs().stream().filter(d -> !d.same()).findFirst().or(() -> c.outputs().stream().findFirst())
                .ifPresent(d -> outputs.getSelectionModel().select(d));
        if (c.outputs().isEmpty()) {
            diff.getItems().setAll("No step ran a command in both runs.");
        }
    }

    private void showDiff(RunComparison.OutputDiff d) {
        if (d == null) {
            diff.getItems().clear();
        } else if (d.same()) {
            diff.getItems().setAll(("Same output in both runs:\n" + d.outputA()).split("\n"));
        } else {
            diff.getItems().setAll(d.diff());
        }
    }

    private static String describe(RunSummary r) {
        return r.runId() + " · " + r.runbookId() + " rev " + r.revision() + " · " + r.environment() + " · "
                + RunsTable.label(r.outcome()) + " · " + Formats.dateTime(r.startedAt()) + " · "
                + String.join(" → ", r.operators());
    }

    private static String hosts(RunComparison.OutputDiff d) {
        return d.hostA().equals(d.hostB()) ? d.hostA() : d.hostA() + " / " + d.hostB();
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }

    private static Node padded(Node n) {
        VBox box = new VBox(n);
        box.setPadding(new Insets(4, 14, 0, 14));
        return box;
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
