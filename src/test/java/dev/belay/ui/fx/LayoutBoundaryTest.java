package dev.belay.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A layout boundary on a real stage: its content's changes are laid out without laying out the panes around it. */
@ExtendWith(ApplicationExtension.class)
class LayoutBoundaryTest {

    private Label inside;
    private Label beside;
    private LayoutBoundary boundary;
    private StackPane plain;
    private VBox outer;

    @Start
    void start(Stage stage) {
        inside = new Label("short");
        beside = new Label("short");
        boundary = new LayoutBoundary(inside);
        plain = new StackPane(beside);
        outer = new VBox(boundary, plain);
        stage.setScene(new Scene(outer, 400, 200));
        stage.show();
    }

    @Test
    void aChangeInsideIsLaidOutWithinTheBoundaryAndThePanesAroundAreLeftAlone(FxRobot robot) {
        double[] before = new double[1];
        robot.interact(() -> {
            outer.layout();
            before[0] = inside.getWidth();
        });
        robot.interact(() -> {
            outer.layout();
            inside.setText("a much longer text than before, laid out again");
            // the boundary will lay it out; the box around it has nothing to redo
            assertThat(boundary.isNeedsLayout()).isTrue();
            assertThat(outer.isNeedsLayout()).isFalse();
            outer.layout();
        });
        assertThat(inside.getWidth()).isGreaterThan(before[0]);

        // without a boundary the same change makes the box lay out again
        robot.interact(() -> {
            outer.layout();
            beside.setText("a much longer text than before, laid out again");
            assertThat(outer.isNeedsLayout()).isTrue();
        });
    }
}
