package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.engine.Phase;
import dev.belay.engine.StepState;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** A step in the run's step list: state icon and colour, title, phase, duration, point of no return. */
final class StepCell extends ListCell<StepState> {

    private final Supplier<Instant> now;
    private final Supplier<dev.belay.engine.RunState> run;
    // One tooltip per cell, its text changed: a new Tooltip is a new popup window on every update.
    private final Tooltip tip = new Tooltip();

    StepCell(Supplier<Instant> now, Supplier<dev.belay.engine.RunState> run) {
        this.now = now;
        this.run = run;
        setPrefWidth(0); // long titles ellipsize instead of widening the list with a scroll bar
    }

    @Override
    protected void updateItem(StepState s, boolean empty) {
        super.updateItem(s, empty);
        getStyleClass().removeIf(c -> c.startsWith("st-") || c.equals("ponr"));
        if (empty || s == null) {
            setGraphic(null);
            setText(null);
            setTooltip(null);
            return;
        }
        StepLook look = StepLook.of(s.status());
        getStyleClass().add(look.styleClass());
        FontIcon icon = new FontIcon(look.icon());
        icon.getStyleClass().add("state-icon");
        Label title = new Label(s.title());
        title.getStyleClass().add("step-cell-title");
        Label sub = new Label(subtitle(s, look));
        sub.getStyleClass().addAll(Styles.TEXT_SMALL, "step-cell-sub");
        title.setMinWidth(0);
        sub.setMinWidth(0);
        VBox text = new VBox(1, title, sub);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(8, icon, text, grow);
        row.setAlignment(Pos.CENTER_LEFT);
        if (s.pointOfNoReturn()) {
            getStyleClass().add("ponr");
            FontIcon flag = new FontIcon(Feather.ALERT_OCTAGON);
            flag.getStyleClass().add("ponr-icon");
            row.getChildren().add(flag);
        }
        tip.setText(s.id() + " · " + look.word() + (s.pointOfNoReturn()
                ? "\nPoint of no return: rollback is not offered once this step starts" : "")
                + (s.message() == null ? "" : "\n" + s.message()));
        setTooltip(tip);
        setText(null);
        setGraphic(row);
        setId("step-" + s.id());
    }

    private String subtitle(StepState s, StepLook look) {
        StringBuilder b = new StringBuilder();
        if (s.phase() != Phase.MAIN) {
            b.append(s.phase() == Phase.PREFLIGHT ? "preflight · " : "rollback · ");
        }
        dev.belay.engine.RunState r = run.get();
        b.append(r == null ? look.word() : RunEnd.word(r, s)); // "not needed" for rollback steps after a success
        if (s.startedAt() != null) {
            b.append(" · ").append(StepLook.duration(s.duration(now.get())));
        }
        if (s.pointOfNoReturn()) {
            b.append(" · point of no return");
        }
        return b.toString();
    }
}
