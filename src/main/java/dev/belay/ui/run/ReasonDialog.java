package dev.belay.ui.run;

import dev.belay.engine.Resolution;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Alert;
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

    static Optional<Resolution> resolution(Window owner, String stepId, String host) {
        ButtonType rerun = new ButtonType("Run it again", ButtonBar.ButtonData.OTHER);
        ButtonType done = new ButtonType("It did it: mark done", ButtonBar.ButtonData.OTHER);
        ButtonType failed = new ButtonType("It did not: mark failed", ButtonBar.ButtonData.OTHER);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Belay was interrupted while '" + stepId + "' ran on " + host
                + ". Check on the host by hand what happened, then say so.", rerun, done, failed, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Outcome unknown");
        a.setHeaderText("What did '" + stepId + "' do on " + host + "?");
        Optional<ButtonType> b = a.showAndWait();
        if (b.isEmpty() || b.get() == ButtonType.CANCEL) {
            return Optional.empty();
        }
        return Optional.of(b.get() == rerun ? Resolution.RERUN : b.get() == done ? Resolution.MARK_DONE : Resolution.MARK_FAILED);
    }
}
