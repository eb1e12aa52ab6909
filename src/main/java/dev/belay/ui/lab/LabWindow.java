package dev.belay.ui.lab;

import dev.belay.lab.PracticeLab;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The lab panel in a window of its own beside the run window; it closes with its owner. */
public final class LabWindow {

    private final Stage stage = new Stage();
    private final LabPanel panel;

    private LabWindow(PracticeLab lab, Window owner) {
        panel = new LabPanel(lab);
        stage.setScene(new Scene((javafx.scene.Parent) panel.node(), 560, 520));
        stage.setTitle("Belay · practice lab");
        stage.initOwner(owner);
        stage.setOnHidden(e -> panel.close());
    }

    /** Opens the panel of {@code lab} next to {@code owner}. */
    public static LabWindow open(PracticeLab lab, Window owner) {
        LabWindow w = new LabWindow(lab, owner);
        if (owner != null) {
            w.stage.setX(owner.getX() + owner.getWidth() - 40);
            w.stage.setY(owner.getY() + 40);
        }
        w.stage.show();
        if (owner instanceof Stage s) {
            s.toFront(); // the run window keeps the keyboard: its shortcuts drive the run
            s.requestFocus();
        }
        return w;
    }

    public Stage stage() {
        return stage;
    }

    public LabPanel panel() {
        return panel;
    }
}
