package dev.belay.ui.approval;

import dev.belay.engine.ApprovalState;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The deliberate question at a point of no return: what cannot be undone, who has approved, and a
 * field where the approver types the environment's name. Approve stays disabled until the name
 * matches; the engine checks it again, so the dialog is a courtesy, not the guard.
 */
public final class ApprovalDialog {

    static final String STYLESHEET = "/dev/belay/ui/approval/approval.css";

    /** Who is approving: the run's operator (name fixed), or another person (types their own name). */
    public enum Who { OPERATOR, ANOTHER_PERSON }

    private ApprovalDialog() {
    }

    /** Whose approval the step needs next: the operator's first, then other people's. */
    public static Who next(ApprovalState a) {
        return a.operatorApproved() ? Who.ANOTHER_PERSON : Who.OPERATOR;
    }

    /** Shows the dialog and waits; empty when cancelled. */
    public static Optional<Approval> ask(Window owner, ApprovalState a, Who who) {
        Dialog<Approval> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Point of no return");
        d.setHeaderText(null);
        d.getDialogPane().setId("ponr-dialog");
        d.getDialogPane().getStylesheets().add(ApprovalDialog.class.getResource(STYLESHEET).toExternalForm());
        d.getDialogPane().setPrefWidth(600);

        Label title = new Label("Point of no return: " + a.title(), new FontIcon(Feather.ALERT_OCTAGON));
        title.setId("ponr-title");
        title.getStyleClass().add("ponr-title");
        wrap(title);
        Label env = new Label(a.environment().toUpperCase(Locale.ROOT));
        env.setId("ponr-env");
        env.getStyleClass().addAll("ponr-env", envClass(a.environment()));

        VBox undo = new VBox(4);
        undo.setId("ponr-undo");
        undo.getStyleClass().add("ponr-undo");
        for (String line : a.cannotUndo()) {
            Label l = new Label("•  " + line);
            wrap(l);
            undo.getChildren().add(l);
        }

        Label approvals = new Label(approvalsText(a, who));
        approvals.setId("ponr-approvals");
        wrap(approvals);

        TextField name = new TextField(who == Who.OPERATOR ? a.operator() : "");
        name.setId("ponr-name");
        name.setPromptText("your name, as the audit log records it");
        name.setEditable(who == Who.ANOTHER_PERSON);
        if (who == Who.OPERATOR) {
            name.getStyleClass().add("ponr-fixed");
        }
        TextField typed = new TextField();
        typed.setId("ponr-typed");
        typed.setPromptText(a.environment());
        TextField note = new TextField();
        note.setId("ponr-note");
        note.setPromptText("what you checked (optional, recorded with the approval)");

        VBox body = new VBox(10, title, row("Environment", env), section("What cannot be undone", undo), approvals,
                section(who == Who.OPERATOR ? "Approving as the operator" : "Second approver: your own name", name),
                section("Type the environment's name (" + a.environment() + ") to approve", typed),
                section("What you checked (optional)", note));
        body.setPadding(new Insets(6, 4, 4, 4));
        d.getDialogPane().setContent(body);
        d.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        ButtonType approve = new ButtonType("Approve", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, approve);
        Node ok = d.getDialogPane().lookupButton(approve);
        ok.setId("ponr-approve");
        ok.getStyleClass().add("danger");
        Runnable check = () -> ok.setDisable(!acceptable(a, name.getText(), typed.getText()));
        check.run();
        name.textProperty().addListener((o, x, y) -> check.run());
        typed.textProperty().addListener((o, x, y) -> check.run());
        d.setOnShown(e -> (who == Who.OPERATOR ? typed : name).requestFocus());
        d.setResultConverter(b -> b == approve
                ? new Approval(name.getText().strip(), typed.getText().strip(), note.getText().strip()) : null);
        return d.showAndWait();
    }

    /** The name matches the environment, the approver has a name and has not approved yet. */
    static boolean acceptable(ApprovalState a, String name, String typed) {
        return typed != null && typed.strip().equalsIgnoreCase(a.environment()) && name != null && !name.isBlank()
                && a.approvers().stream().noneMatch(x -> x.strip().equalsIgnoreCase(name.strip()));
    }

    static String approvalsText(ApprovalState a, Who who) {
        String so = a.approvers().isEmpty() ? "none yet" : String.join(", ", a.approvers());
        String needs = a.required() == 1 ? "It needs the operator's approval."
                : "It needs " + a.required() + " different people: the operator " + a.operator() + " and "
                + (a.required() - 1) + " more.";
        return needs + " Approved so far: " + so + "."
                + (who == Who.ANOTHER_PERSON ? " Now: " + a.waitingFor() + "." : "");
    }

    /** Wrapped text that takes the lines it needs (a dialog sized before wrapping would cut it with "…"). */
    private static void wrap(Label l) {
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setMaxWidth(570);
    }

    private static Node section(String heading, Node body) {
        Label h = new Label(heading);
        h.getStyleClass().add("ponr-section");
        return new VBox(4, h, body);
    }

    private static Node row(String heading, Node body) {
        Label h = new Label(heading + ":");
        h.getStyleClass().add("ponr-section");
        javafx.scene.layout.HBox r = new javafx.scene.layout.HBox(8, h, body);
        r.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return r;
    }

    private static String envClass(String environment) {
        String e = environment.toLowerCase(Locale.ROOT);
        if (e.startsWith("prod") || e.equals("live")) {
            return "ponr-env-production";
        }
        return e.startsWith("stag") ? "ponr-env-staging" : "ponr-env-other";
    }
}
