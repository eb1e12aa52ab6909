package dev.belay.ui.run;

import dev.belay.ssh.auth.PassphrasePrompt;
import java.nio.file.Path;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks the passphrase of an encrypted private key. The SSH thread calls {@link #passphrase} and waits
 * on a future the FX dialog completes, so the FX thread never waits for SSH (nor SSH for ever: no
 * answer within the timeout skips the key). The text is handed over once and the field cleared; it
 * is never logged or stored (the run's {@code RunPassphrases} keeps it in memory for that run only).
 */
public final class PassphraseDialog implements PassphrasePrompt {

    static final ButtonType SKIP = new ButtonType("Skip this key", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType UNLOCK = new ButtonType("Unlock", ButtonBar.ButtonData.OK_DONE);

    private final Window owner;

    public PassphraseDialog(Window owner) {
        this.owner = owner;
    }

    @Override
    public char[] passphrase(Path keyFile) {
        return FxQuestion.ask(() -> show(keyFile), null);
    }

    private char[] show(Path keyFile) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null && owner.getScene() != null && owner.isShowing()) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Key passphrase");
        dialog.setHeaderText("Enter the passphrase for " + keyFile);
        PasswordField field = new PasswordField();
        field.setId("passphrase-field");
        field.setPrefColumnCount(32);
        Label why = new Label("Asked once for this run and kept in memory only. To avoid this question,"
                + " add the key to your ssh-agent (ssh-add " + keyFile + ").");
        why.setWrapText(true);
        why.setMaxWidth(520);
        dialog.getDialogPane().setContent(new VBox(12, why, field));
        dialog.getDialogPane().getButtonTypes().addAll(SKIP, UNLOCK);
        dialog.getDialogPane().setId("passphrase-dialog");
        dialog.setOnShown(e -> field.requestFocus());
        ButtonType chosen = dialog.showAndWait().orElse(SKIP);
        char[] typed = field.getText().toCharArray();
        field.clear();
        return chosen == UNLOCK && typed.length > 0 ? typed : null;
    }
}
