package dev.belay.ui.run;

import dev.belay.engine.ApprovalState;
import dev.belay.engine.RunState;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Next bar's warning when the next step is a point of no return: it asks before it starts, and who approved. */
final class NoReturnWarning {

    private NoReturnWarning() {
    }

    static Optional<Label> of(RunState state, String stepId) {
        return state.approval(stepId).filter(a -> !a.complete()).map(NoReturnWarning::label);
    }

    private static Label label(ApprovalState a) {
        String who = a.approvers().isEmpty() ? "asks you to type " + a.environment()
                : String.join(", ", a.approvers()) + " approved; waiting for " + a.waitingFor();
        Label l = new Label("Point of no return: " + who, new FontIcon(Feather.ALERT_OCTAGON));
        l.setId("next-ponr");
        l.getStyleClass().addAll("status-chip", "ponr-chip");
        l.setWrapText(true);
        l.setTooltip(new Tooltip(String.join("\n", a.cannotUndo())));
        return l;
    }
}
