package dev.belay.ui.history;

import dev.belay.audit.RunOutcome;
import dev.belay.audit.RunQuery;
import java.time.LocalDate;
import java.time.ZoneId;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;

/** The filter bar of the history: runbook, operator, environment, outcome, rehearsal, dates, text in output. */
final class RunFilters {

    static final String ANY = "any outcome";
    static final String ANY_KIND = "all runs";
    static final String REHEARSALS = "rehearsals";
    static final String REAL_RUNS = "real runs";

    final TextField runbook = field("filter-runbook", "Runbook id", 125);
    final TextField operator = field("filter-operator", "Operator", 100);
    final TextField environment = field("filter-env", "Environment", 125);
    final ComboBox<String> outcome = new ComboBox<>();
    /** Rehearsals, real runs, or both. */
    final ComboBox<String> kind = new ComboBox<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final TextField text = field("filter-text", "Text in output", 130);
    final Button search = new Button("Search");
    private final FlowPane bar;

    RunFilters(Runnable onSearch) {
        outcome.setId("filter-outcome");
        outcome.getItems().add(ANY);
        for (RunOutcome o : RunOutcome.values()) {
            outcome.getItems().add(o.label());
        }
        outcome.setValue(ANY);
        kind.setId("filter-rehearsal");
        kind.getItems().addAll(ANY_KIND, REHEARSALS, REAL_RUNS);
        kind.setValue(ANY_KIND);
        kind.setOnAction(e -> onSearch.run());
        from.setId("filter-from");
        from.setPromptText("From");
        from.setPrefWidth(125);
        to.setId("filter-to");
        to.setPromptText("To (inclusive)");
        to.setPrefWidth(155);
        search.setId("search");
        search.setDefaultButton(true);
        search.setOnAction(e -> onSearch.run());
        for (TextField f : new TextField[] {runbook, operator, environment, text}) {
            f.setOnAction(e -> onSearch.run());
        }
        bar = new FlowPane(8, 8, runbook, operator, environment, outcome, kind, from, to, text, search);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("history-filters");
    }

    Node node() {
        return bar;
    }

    /** The query the fields describe; blank fields mean "any". */
    RunQuery query() {
        RunQuery q = RunQuery.all().limit(500);
        if (!blank(runbook)) {
            q = q.runbook(runbook.getText().strip());
        }
        if (!blank(operator)) {
            q = q.operator(operator.getText().strip());
        }
        if (!blank(environment)) {
            q = q.environment(environment.getText().strip());
        }
        if (outcome.getValue() != null && !ANY.equals(outcome.getValue())) {
            q = q.outcome(outcomeOf(outcome.getValue()));
        }
        if (REHEARSALS.equals(kind.getValue()) || REAL_RUNS.equals(kind.getValue())) {
            q = q.rehearsal(REHEARSALS.equals(kind.getValue()));
        }
        if (from.getValue() != null || to.getValue() != null) {
            q = q.between(startOf(from.getValue()), to.getValue() == null ? null : startOf(to.getValue().plusDays(1)));
        }
        if (!blank(text)) {
            q = q.outputContains(text.getText().strip());
        }
        return q;
    }

    /** The outcome a label names, or null. */
    static RunOutcome outcomeOf(String label) {
        for (RunOutcome o : RunOutcome.values()) {
            if (o.label().equals(label)) {
                return o;
            }
        }
        return null;
    }

    private static java.time.Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneId.systemDefault()).toInstant();
    }

    private static boolean blank(TextField f) {
        return f.getText() == null || f.getText().isBlank();
    }

    private static TextField field(String id, String prompt, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        return f;
    }
}
