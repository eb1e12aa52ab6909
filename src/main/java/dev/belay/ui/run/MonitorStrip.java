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

    /** What one chip shows; the strip is drawn again only when one of these changes. */
    private record Chip(String id, String text, Feather icon, String style, String tip) {
    }

    private List<Chip> shown;

    void show(List<MonitorState> monitors, Instant now) {
        List<Chip> chips = monitors.stream().map(m -> {
            String state = m.up() == null ? "unknown" : m.up() ? "up" : "DOWN";
            long down = m.downtime(now).toSeconds();
            return new Chip(m.id(), m.id() + " " + state + (down > 0 ? " · down " + StepLook.duration(m.downtime(now)) : ""),
                    m.up() == null ? Feather.CIRCLE : m.up() ? Feather.ARROW_UP_CIRCLE : Feather.ARROW_DOWN_CIRCLE,
                    m.up() == null ? "mon-unknown" : m.up() ? "mon-up" : "mon-down",
                    m.target() + (m.detail() == null ? "" : "\n" + m.detail()) + "\n" + m.downs() + " time(s) down");
        }).toList();
        // drawn at every refresh of the run view (10 a second while hosts stream): unchanged, new
        // labels would only cost their CSS and the header's layout
        if (chips.equals(shown)) {
            return;
        }
        shown = chips;
        root.getChildren().clear();
        if (chips.isEmpty()) {
            Label none = new Label("no monitors");
            none.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            root.getChildren().add(none);
            return;
        }
        for (Chip c : chips) {
            Label chip = new Label(c.text(), new FontIcon(c.icon()));
            chip.setId("monitor-" + c.id());
            chip.getStyleClass().addAll("monitor-chip", c.style());
            chip.setTooltip(new Tooltip(c.tip()));
            root.getChildren().add(chip);
        }
    }
}
