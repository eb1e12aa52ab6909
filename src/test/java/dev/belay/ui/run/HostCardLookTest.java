package dev.belay.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.engine.CheckResult;
import dev.belay.engine.HostResult;
import dev.belay.engine.HostStatus;
import java.util.List;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A host card's colours follow its state under the run view's stylesheet, both ways: the state is
 * a pseudo-class on the card (cheaper to change than a style class), and a card that turns from
 * failed to passed loses the failed colours.
 */
@ExtendWith(ApplicationExtension.class)
class HostCardLookTest {

    private HostCard passed;
    private HostCard failed;

    @Start
    void start(Stage stage) {
        passed = new HostCard("web-1", false, false); // controls need the toolkit started
        failed = new HostCard("web-2", false, false);
        // the app's own theme, whatever an earlier test class in this JVM set
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(new VBox(8, passed.node(), failed.node()), 600, 300);
        scene.getStylesheets().add(RunView.class.getResource("/dev/belay/ui/run/run.css").toExternalForm());
        passed.show(result("web-1", HostStatus.PASSED), null);
        failed.show(result("web-2", HostStatus.FAILED), null);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aCardsColoursFollowItsStateBothWays(FxRobot robot) {
        robot.interact(() -> {
            passed.node().applyCss();
            failed.node().applyCss();
        });
        assertThat(border(failed)).isNotEqualTo(border(passed));
        assertThat(icon(failed)).isNotEqualTo(icon(passed));

        robot.interact(() -> {
            failed.show(result("web-2", HostStatus.PASSED), null);
            failed.node().applyCss();
        });
        assertThat(border(failed)).isEqualTo(border(passed));
        assertThat(icon(failed)).isEqualTo(icon(passed));
        assertThat(failed.node().getStyleClass()).noneMatch(c -> c.startsWith("st-"));
    }

    @Test
    void aCardShowingAnotherHostReusesItsCheckLinesWithTheNewOutcome(FxRobot robot) {
        robot.interact(() -> {
            passed.show(result("web-1", HostStatus.PASSED, CheckResult.of("exit == 0", true, "0", "0")), null);
            passed.node().applyCss();
        });
        Label first = line(passed);
        assertThat(first.getStyleClass()).contains("check-passed");

        // as a list reuses a card for another host: the same line, the other host's check
        robot.interact(() -> {
            passed.rebind("web-3", false);
            passed.show(result("web-3", HostStatus.RUNNING, CheckResult.of("stdout contains ok", false, "ok", "nothing")), null);
            passed.node().applyCss();
        });
        assertThat(line(passed)).isSameAs(first);
        assertThat(first.getText()).doesNotContain("exit == 0");
        assertThat(first.getStyleClass()).contains("check-failed").doesNotContain("check-passed");
        assertThat(first.getTooltip().getText()).isEqualTo("stdout contains ok");
    }

    private static Label line(HostCard card) {
        return (Label) ((Parent) card.node()).lookup(".check");
    }

    private static HostResult result(String host, HostStatus status, CheckResult check) {
        return new HostResult(host, status, 1, "exited", 0, "", List.of(check), Map.of(), null, null);
    }

    private static HostResult result(String host, HostStatus status) {
        return new HostResult(host, status, 1, status == HostStatus.PASSED ? "exited" : "exited", status == HostStatus.PASSED ? 0 : 1,
                "", List.of(), Map.of(), null, status == HostStatus.FAILED ? "exit 1" : null);
    }

    private static Paint border(HostCard card) {
        Region root = (Region) card.node();
        return root.getBorder() == null ? null : root.getBorder().getStrokes().get(0).getTopStroke();
    }

    private static Paint icon(HostCard card) {
        return ((FontIcon) ((Parent) card.node()).lookup(".state-icon")).getIconColor();
    }
}
