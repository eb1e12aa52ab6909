package dev.belay.ui.run;

import dev.belay.engine.WindowStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The window clock: time left, projected end, the last rollback point, and warnings in colour. */
final class WindowClockView {

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Label left = new Label();
    private final Label projected = new Label();
    private final Label warning = new Label();
    private final HBox root = new HBox(14, left, projected, warning);

    WindowClockView() {
        root.setAlignment(Pos.CENTER_LEFT);
        root.setId("window-clock");
        left.setId("clock-left");
        left.setGraphic(new FontIcon(Feather.CLOCK));
        left.getStyleClass().add("clock-left");
        projected.setId("clock-projected");
        projected.getStyleClass().add("clock-projected");
        warning.setId("clock-warning");
        warning.getStyleClass().add("clock-warning");
    }

    Node node() {
        return root;
    }

    void show(WindowStatus w, boolean ended) {
        if (w.windowEnd() == null) {
            left.setText("no window end");
        } else if (w.timeLeft().isNegative()) {
            left.setText("window closed " + hm(w.timeLeft().negated()) + " ago (" + HM.format(w.windowEnd()) + ")");
        } else {
            left.setText(hm(w.timeLeft()) + " left until " + HM.format(w.windowEnd()));
        }
        projected.setText(ended ? "" : "projected end " + HM.format(w.projectedEnd()) + " (" + hm(w.remaining()) + " to go)");
        StringBuilder b = new StringBuilder();
        for (WindowStatus.Warning x : w.warnings()) {
            b.append(b.length() > 0 ? " · " : "").append(x == WindowStatus.Warning.PROJECTED_PAST_END
                    ? "projected past the window end"
                    : "last rollback point " + (w.lastRollbackStart() == null ? "near" : HM.format(w.lastRollbackStart())));
        }
        warning.setText(b.toString());
        warning.setGraphic(b.length() == 0 ? null : new FontIcon(Feather.ALERT_TRIANGLE));
        root.getStyleClass().removeAll("clock-warn");
        if (b.length() > 0) {
            root.getStyleClass().add("clock-warn");
        }
    }

    private static String hm(Duration d) {
        long m = Math.max(0, d.toMinutes());
        return m >= 60 ? String.format("%dh %02dm", m / 60, m % 60) : m + " min";
    }
}
