package dev.belay.ui.history;

import dev.belay.audit.RunOutcome;
import dev.belay.audit.RunSummary;
import java.time.Duration;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The list of past runs, newest first. */
final class RunsTable {

    private RunsTable() {
    }

    static TableView<RunSummary> create() {
        TableView<RunSummary> table = new TableView<>();
        table.setId("runs-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new javafx.scene.control.Label("No runs match."));
        // Sized so every header and usual value reads in full in the main window's default 1280 px
        // (docs/images/history.png); the list spans the window's width above the open run.
        table.getColumns().add(column("Started", 130, r -> Formats.dateTime(r.startedAt())));
        table.getColumns().add(column("Runbook", 170, RunSummary::runbookId));
        table.getColumns().add(column("Environment", 130, RunSummary::environment));
        table.getColumns().add(column("Rehearsal", 100, r -> r.rehearsal() ? "rehearsal" : ""));
        table.getColumns().add(column("Operators", 170, r -> String.join(", ", r.operators())));
        TableColumn<RunSummary, String> outcome = column("Outcome", 120, r -> label(r.outcome()));
        outcome.setCellFactory(c -> new OutcomeCell());
        table.getColumns().add(outcome);
        table.getColumns().add(column("Took", 90, r -> r.endedAt() == null ? "–"
                : Formats.duration(Duration.between(r.startedAt(), r.endedAt()))));
        return table;
    }

    static String label(RunOutcome o) {
        return o.label();
    }

    static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setMinWidth(width * 0.85); // the last column flexes; the others keep about what they need
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        return c;
    }

    /** Outcome text coloured: green succeeded, red failed or aborted, amber rolled back or unfinished. */
    private static final class OutcomeCell extends TableCell<RunSummary, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("outcome-good", "outcome-bad", "outcome-warn");
            setText(empty ? null : item);
            if (!empty && item != null) {
                RunOutcome o = RunFilters.outcomeOf(item);
                getStyleClass().add(o == RunOutcome.SUCCEEDED ? "outcome-good"
                        : o == RunOutcome.FAILED || o == RunOutcome.ABORTED ? "outcome-bad" : "outcome-warn");
            }
        }
    }
}
