package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Offered when Belay starts and the audit log holds runs that never finished: pick one, say who
 * takes it over, give its secrets again (they are never stored), and it resumes where it stopped.
 */
public final class ResumeDialog {

    /** The operator's choice. */
    public record Choice(String runId, String operator, Map<String, String> secrets) {
    }

    static final ButtonType RESUME = new ButtonType("Resume", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType LATER = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm").withZone(ZoneId.systemDefault());

    private final Dialog<Choice> dialog = new Dialog<>();
    private final ListView<ResumeInfo> runs = new ListView<>();
    private final TextField operator = new TextField();
    private final GridPane secrets = new GridPane();
    private final Map<String, PasswordField> secretFields = new LinkedHashMap<>();

    public ResumeDialog(Window owner, List<ResumeInfo> interrupted, String rememberedOperator) {
        dialog.initOwner(owner);
        dialog.setTitle("Resume an interrupted run");
        dialog.setHeaderText(interrupted.size() == 1 ? "A run did not finish. Resume it?"
                : interrupted.size() + " runs did not finish. Resume one?");
        dialog.getDialogPane().setId("resume-dialog");
        dialog.getDialogPane().getButtonTypes().addAll(LATER, RESUME);
        runs.setId("resume-runs");
        runs.getItems().setAll(interrupted);
        runs.setPrefHeight(Math.min(6, interrupted.size()) * 44 + 8);
        runs.setCellFactory(lv -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ResumeInfo r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.environment().toUpperCase(java.util.Locale.ROOT) + "  " + r.title()
                        + "\n" + r.runId() + " · started " + WHEN.format(r.startedAt()) + " by " + r.operator()
                        + (r.resumable() ? "" : " · cannot resume: " + r.problem()));
            }
        });
        operator.setId("resume-operator");
        operator.setText(rememberedOperator);
        secrets.setHgap(10);
        secrets.setVgap(6);
        Label note = new Label("Commands that were running when Belay stopped show as outcome unknown: "
                + "nothing is re-run until you decide.");
        note.setWrapText(true);
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        GridPane who = new GridPane();
        who.setHgap(10);
        who.addRow(0, new Label("Operator"), operator);
        dialog.getDialogPane().setContent(new VBox(10, runs, who, secrets, note));
        dialog.getDialogPane().setPrefWidth(620);
        runs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> secretsFor(b));
        dialog.getDialogPane().lookupButton(RESUME).disableProperty().bind(
                runs.getSelectionModel().selectedItemProperty().isNull().or(operator.textProperty().isEmpty()));
        runs.getSelectionModel().selectFirst();
        dialog.setResultConverter(b -> b == RESUME ? choice() : null);
    }

    public Optional<Choice> showAndWait() {
        return dialog.showAndWait();
    }

    private void secretsFor(ResumeInfo r) {
        secrets.getChildren().clear();
        secretFields.clear();
        if (r == null) {
            return;
        }
        int row = 0;
        for (String name : r.secretVars()) {
            PasswordField f = new PasswordField();
            f.setId("resume-secret-" + name);
            f.setPromptText("never stored: give it again");
            secretFields.put(name, f);
            secrets.addRow(row++, new Label(name), f);
        }
    }

    private Choice choice() {
        ResumeInfo r = runs.getSelectionModel().getSelectedItem();
        Map<String, String> values = new LinkedHashMap<>();
        secretFields.forEach((k, f) -> {
            if (!f.getText().isEmpty()) {
                values.put(k, f.getText());
            }
        });
        return new Choice(r.runId(), operator.getText().strip(), values);
    }
}
