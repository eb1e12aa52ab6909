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
    // The cell's nodes are made once and only their text, icon and classes change: a running step's
    // cell is drawn again every refresh, and new nodes would each need their CSS worked out.
    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label sub = new Label();
    private final FontIcon flag = new FontIcon(Feather.ALERT_OCTAGON);
    private final HBox row;

    StepCell(Supplier<Instant> now, Supplier<dev.belay.engine.RunState> run) {
        this.now = now;
        this.run = run;
        setPrefWidth(0); // long titles ellipsize instead of widening the list with a scroll bar
        icon.getStyleClass().add("state-icon");
        title.getStyleClass().add("step-cell-title");
        sub.getStyleClass().addAll(Styles.TEXT_SMALL, "step-cell-sub");
        title.setMinWidth(0);
        sub.setMinWidth(0);
        VBox text = new VBox(1, title, sub);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        flag.getStyleClass().add("ponr-icon");
        row = new HBox(8, icon, text, grow, flag);
        row.setAlignment(Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(StepState s, boolean empty) {
        super.updateItem(s, empty);
        if (empty || s == null) {
            getStyleClass().removeIf(c -> c.startsWith("st-") || c.equals("ponr"));
            setGraphic(null);
            setText(null);
            setTooltip(null);
            return;
        }
        StepLook look = StepLook.of(s.status());
        // classes only change when the state does: a change restyles the cell
        if (!getStyleClass().contains(look.styleClass()) || getStyleClass().contains("ponr") != s.pointOfNoReturn()) {
            getStyleClass().removeIf(c -> c.startsWith("st-") || c.equals("ponr"));
            getStyleClass().add(look.styleClass());
            if (s.pointOfNoReturn()) {
                getStyleClass().add("ponr");
            }
        }
        if (icon.getIconCode() != look.icon()) {
            icon.setIconCode(look.icon());
        }
        title.setText(s.title());
        sub.setText(subtitle(s, look));
        flag.setVisible(s.pointOfNoReturn());
        flag.setManaged(s.pointOfNoReturn());
        tip.setText(s.id() + " · " + look.word() + (s.pointOfNoReturn()
                ? "\nPoint of no return: rollback is not offered once this step starts" : "")
                + (s.message() == null ? "" : "\n" + s.message()));
        setTooltip(tip);
        setText(null);
        if (getGraphic() != row) {
            setGraphic(row);
        }
        setId("step-" + s.id());
    }

    private String subtitle(StepState s, StepLook look) {
        return subtitle(s, look, run.get(), now.get());
    }

    /**
     * Everything a cell shows of {@code s}: the step list draws a cell again only when this changes
     * (a running step's state changes with every host that finishes; its cell only every second).
     */
    static String shown(StepState s, dev.belay.engine.RunState r, Instant now) {
        StepLook look = StepLook.of(s.status());
        return s.id() + "\n" + s.status() + "\n" + s.title() + "\n" + subtitle(s, look, r, now) + "\n" + s.message();
    }

    private static String subtitle(StepState s, StepLook look, dev.belay.engine.RunState r, Instant now) {
        StringBuilder b = new StringBuilder();
        if (s.phase() != Phase.MAIN) {
            b.append(s.phase() == Phase.PREFLIGHT ? "preflight · " : "rollback · ");
        }
        b.append(r == null ? look.word() : RunEnd.word(r, s)); // "not needed" for rollback steps after a success
        if (s.startedAt() != null) {
            b.append(" · ").append(StepLook.duration(s.duration(now)));
        }
        if (s.pointOfNoReturn()) {
            b.append(" · point of no return");
        }
        return b.toString();
    }
}
