package dev.belay.ui.run;

import dev.belay.engine.Resolution;
import java.util.Optional;
import javafx.scene.Node;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Window;

/** Small dialogs that ask the operator why (skip, roll back, abort, override) and what an unknown outcome was. */
final class ReasonDialog {

    private ReasonDialog() {
    }

    /** A required reason: OK stays disabled while the text is blank. Empty when cancelled. */
    static Optional<String> ask(Window owner, String title, String header, String okText) {
        TextInputDialog d = new TextInputDialog();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(header);
        d.setContentText("Reason (recorded in the audit log):");
        d.getDialogPane().setId("reason-dialog");
        d.getEditor().setId("reason");
        ButtonType ok = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ok);
        Node okButton = d.getDialogPane().lookupButton(ok);
        okButton.setId("reason-ok");
        okButton.disableProperty().bind(d.getEditor().textProperty().isEmpty());
        d.setResultConverter(b -> b == ok ? d.getEditor().getText().strip() : null);
        return d.showAndWait().filter(s -> !s.isBlank());
    }

    /**
     * How an unknown outcome was decided: one of three answers, each a button wide enough for its
     * words, and the operator's own note of what they checked (required: it is the audit record).
     */
    static Optional<RunPresenter.Resolved> resolution(Window owner, String stepId, String host) {
        Dialog<RunPresenter.Resolved> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Outcome unknown");
        d.setHeaderText("What did '" + stepId + "' do on " + host + "?");
        d.setResizable(true);
        Label why = new Label("Belay was interrupted while '" + stepId + "' ran on " + host
                + ". Check on the host by hand what happened, write down what you checked, then say what it did.");
        why.setWrapText(true);
        why.setMinHeight(Region.USE_PREF_SIZE);
        TextArea note = new TextArea();
        note.setId("resolve-note");
        note.setPromptText("What you checked on " + host + " (required), e.g. \"nova-compute is at 27.1 and running\"");
        note.setPrefRowCount(3);
        note.setWrapText(true);
        Label hint = new Label("The note is recorded in the audit log with your decision.");
        hint.getStyleClass().add("text-muted");
        VBox body = new VBox(8, why, new Label("What you checked:"), note, hint);
        body.setPrefWidth(640);
        d.getDialogPane().setMinWidth(Region.USE_PREF_SIZE);
        d.getDialogPane().setContent(body);
        d.getDialogPane().setId("resolve-dialog");
        ButtonType rerun = new ButtonType("Run it again", ButtonBar.ButtonData.OTHER);
        ButtonType done = new ButtonType("It did it: mark done", ButtonBar.ButtonData.OTHER);
        ButtonType failed = new ButtonType("It did not: mark failed", ButtonBar.ButtonData.OTHER);
        d.getDialogPane().getButtonTypes().setAll(rerun, done, failed, ButtonType.CANCEL);
        for (ButtonType b : List.of(rerun, done, failed)) {
            Button button = (Button) d.getDialogPane().lookupButton(b);
            button.disableProperty().bind(note.textProperty().isEmpty().or(
                    javafx.beans.binding.Bindings.createBooleanBinding(() -> note.getText().isBlank(), note.textProperty())));
            button.setMinWidth(Region.USE_PREF_SIZE); // the whole answer shows, never "It did it: ma..."
            ButtonBar.setButtonUniformSize(button, false);
            button.setId(b == rerun ? "resolve-rerun" : b == done ? "resolve-done" : "resolve-failed");
        }
        d.setResultConverter(b -> b == ButtonType.CANCEL || b == null || note.getText().isBlank() ? null
                : new RunPresenter.Resolved(b == rerun ? Resolution.RERUN : b == done ? Resolution.MARK_DONE
                : Resolution.MARK_FAILED, note.getText().strip()));
        return d.showAndWait();
    }
}
