package dev.belay.ui.approval;

import dev.belay.audit.AuditStore;
import dev.belay.engine.ApprovalDesk;
import dev.belay.engine.ApprovalState;
import dev.belay.ui.fx.Background;
import dev.belay.ui.fx.FxEvents;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * History's list of points of no return that wait for approval, in any live run on this audit
 * database (a team's shared one): a second operator approves here under their own name, and the
 * run's own Belay starts the step within a second. Hidden while nothing waits. Queries run off the FX thread.
 */
public final class PendingApprovals {

    private final Supplier<AuditStore> store;
    private final dev.belay.ui.fx.Background worker = dev.belay.ui.fx.Background.serial("belay-pending-approvals");
    private final VBox root = new VBox(8);
    private final VBox items = new VBox(8);
    private final Label status = new Label();

    public PendingApprovals(Supplier<AuditStore> store) {
        this.store = store;
        Label heading = new Label("Waiting for approval", new FontIcon(Feather.ALERT_OCTAGON));
        heading.getStyleClass().add("pending-approval-title");
        status.setId("pending-approvals-status");
        status.setWrapText(true);
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.textProperty().isNotEmpty());
        root.getChildren().setAll(heading, items, status);
        root.setId("pending-approvals");
        root.getStyleClass().add("pending-approvals");
        root.getStylesheets().add(PendingApprovals.class.getResource(ApprovalDialog.STYLESHEET).toExternalForm());
        show(List.of());
    }

    public Node node() {
        return root;
    }

    /** Looks for pending approvals again. */
    public CompletableFuture<List<ApprovalState>> refresh() {
        return CompletableFuture.supplyAsync(() -> new ApprovalDesk(store.get()).pending(), worker.executor())
                .whenCompleteAsync((found, e) -> {
                    if (e != null) {
                        status.setText("Cannot list pending approvals: " + e.getMessage());
                    } else {
                        show(found);
                    }
                }, FxEvents.fxThread());
    }

    private void show(List<ApprovalState> found) {
        items.getChildren().clear();
        for (ApprovalState a : found) {
            items.getChildren().add(item(a));
        }
        boolean any = !found.isEmpty() || !status.getText().isEmpty();
        root.setVisible(any);
        root.setManaged(any);
    }

    private Node item(ApprovalState a) {
        Label what = new Label(a.title() + "  ·  " + a.runbookId() + " on " + a.environment().toUpperCase(Locale.ROOT)
                + "  ·  run " + a.runId());
        what.setWrapText(true);
        Label who = new Label((a.approvers().isEmpty() ? "nobody has approved yet" : "approved by "
                + String.join(", ", a.approvers())) + "; waiting for " + a.waitingFor());
        who.getStyleClass().add("muted");
        VBox text = new VBox(2, what, who);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button approve = new Button("Approve…", new FontIcon(Feather.CHECK_CIRCLE));
        approve.setId("approve-" + a.runId() + "-" + a.stepId());
        approve.getStyleClass().add("danger");
        approve.setOnAction(e -> approve(a));
        HBox row = new HBox(12, text, spacer, approve);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("pending-approval");
        return row;
    }

    private void approve(ApprovalState a) {
        var owner = root.getScene() == null ? null : root.getScene().getWindow();
        ApprovalDialog.ask(owner, a, ApprovalDialog.Who.ANOTHER_PERSON).ifPresent(x ->
                CompletableFuture.runAsync(() -> new ApprovalDesk(store.get()).approve(a.runId(), a.stepId(),
                        x.approver(), x.typedEnvironment(), x.note()), worker.executor())
                        .whenCompleteAsync((v, e) -> {
                            status.setText(e == null ? x.approver() + " approved " + a.stepId() + " of run " + a.runId()
                                    : "Not approved: " + rootMessage(e));
                            refresh();
                        }, FxEvents.fxThread()));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Stops the worker thread. */
    public void close() {
        worker.close();
    }
}
