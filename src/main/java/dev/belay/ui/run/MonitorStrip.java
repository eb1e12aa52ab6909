package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.engine.MonitorState;
import java.time.Instant;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The monitors' up/down strip: one chip per monitor, green up, red down, grey before its first probe. */
final class MonitorStrip {

    private final HBox root = new HBox(6);

    MonitorStrip() {
        root.setAlignment(Pos.CENTER_LEFT);
        root.setId("monitors");
        root.getStyleClass().add("monitor-strip");
    }

    Node node() {
        return root;
    }

    void show(List<MonitorState> monitors, Instant now) {
        root.getChildren().clear();
        if (monitors.isEmpty()) {
            Label none = new Label("no monitors");
            none.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            root.getChildren().add(none);
            return;
        }
        for (MonitorState m : monitors) {
            String state = m.up() == null ? "unknown" : m.up() ? "up" : "DOWN";
            long down = m.downtime(now).toSeconds();
            Label chip = new Label(m.id() + " " + state + (down > 0 ? " · down " + StepLook.duration(m.downtime(now)) : ""),
                    new FontIcon(m.up() == null ? Feather.CIRCLE : m.up() ? Feather.ARROW_UP_CIRCLE : Feather.ARROW_DOWN_CIRCLE));
            chip.setId("monitor-" + m.id());
            chip.getStyleClass().addAll("monitor-chip", m.up() == null ? "mon-unknown" : m.up() ? "mon-up" : "mon-down");
            chip.setTooltip(new Tooltip(m.target() + (m.detail() == null ? "" : "\n" + m.detail())
                    + "\n" + m.downs() + " time(s) down"));
            root.getChildren().add(chip);
        }
    }
}
