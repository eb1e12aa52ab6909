package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ssh.trust.HostKeyPrompt.Answer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks about an unknown host key. The SSH library calls {@link #ask} on its own thread: that thread
 * waits on a future the FX dialog completes, so the FX thread never waits for SSH (nor SSH for ever:
 * no answer within the timeout is a rejection).
 */
public final class HostKeyDialog implements HostKeyPrompt {

    static final ButtonType REJECT = new ButtonType("Reject", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType ONCE = new ButtonType("Accept once", ButtonBar.ButtonData.OTHER);
    static final ButtonType REMEMBER = new ButtonType("Accept and remember", ButtonBar.ButtonData.OK_DONE);

    private final Window owner;

    public HostKeyDialog(Window owner) {
        this.owner = owner;
    }

    @Override
    public Answer ask(UnknownHostKey key) {
        return FxQuestion.ask(() -> show(key), Answer.REJECT);
    }

    private Answer show(UnknownHostKey key) {
        Alert alert = new Alert(Alert.AlertType.WARNING, null, REJECT, ONCE, REMEMBER);
        if (owner != null && owner.getScene() != null && owner.isShowing()) {
            alert.initOwner(owner); // a closed run window asks without an owner rather than not at all
        }
        alert.setTitle("Unknown host key");
        alert.setHeaderText("Belay has never seen the key of " + key.host());
        Label why = new Label("Compare the fingerprint with the one your team published for this host "
                + "(ssh-keygen -lf on the host). If it differs, someone may be in between: reject.");
        why.setWrapText(true);
        why.setMaxWidth(520);
        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(6);
        facts.addRow(0, new Label("Host"), readOnly(key.host(), "hostkey-host"));
        facts.addRow(1, new Label("Key type"), readOnly(key.keyType(), "hostkey-type"));
        facts.addRow(2, new Label("Fingerprint"), readOnly(key.fingerprint(), "hostkey-fingerprint"));
        alert.getDialogPane().setContent(new VBox(12, why, facts));
        alert.getDialogPane().setId("host-key-dialog");
        ButtonType chosen = alert.showAndWait().orElse(REJECT);
        return chosen == REMEMBER ? Answer.ACCEPT_AND_REMEMBER : chosen == ONCE ? Answer.ACCEPT_ONCE : Answer.REJECT;
    }

    /** Selectable, so the fingerprint can be copied and compared. */
    private static TextField readOnly(String text, String id) {
        TextField f = new TextField(text);
        f.setEditable(false);
        f.setId(id);
        f.getStyleClass().add("mono");
        f.setPrefColumnCount(48);
        if (id.equals("hostkey-fingerprint")) {
            f.getStyleClass().add(Styles.TEXT_BOLD);
        }
        return f;
    }
}
