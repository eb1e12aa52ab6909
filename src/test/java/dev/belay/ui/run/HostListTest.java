package dev.belay.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The virtualised host list of a step with many hosts, on a real stage. */
@ExtendWith(ApplicationExtension.class)
class HostListTest {

    private static final int HOSTS = 120;

    private HostList list;
    private final Map<String, OutputTail> tails = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    @Start
    void start(Stage stage) {
        list = new HostList(); // controls need the toolkit started
        for (int i = 1; i <= HOSTS; i++) {
            String host = "web-" + i;
            names.add(host);
            OutputTail tail = new OutputTail();
            tail.append("first line of " + host);
            tail.append("last line of " + host);
            tails.put(host, tail);
        }
        list.show(null, names, tails, Map.of());
        stage.setScene(new Scene((javafx.scene.Parent) list.node(), 700, 500));
        stage.show();
    }

    @Test
    void onlyTheCardsInSightAreDrawnAndAnOpenedCardStaysOpenAcrossScrolling(FxRobot robot) throws Exception {
        Node root = list.node();
        assertThat(robot.lookup(".host-card").queryAll().size()).isBetween(1, 30);
        assertThat(((Label) robot.lookup("#last-line-web-1").query()).getText()).isEqualTo("last line of web-1");
        assertThat(robot.lookup("#host-web-100").tryQuery()).isEmpty();

        robot.clickOn("#expand-web-2");
        assertThat(((ToggleButton) robot.lookup("#expand-web-2").query()).isSelected()).isTrue();

        // Scroll to the end: the cards there show their own hosts (reused cards, rebound).
        // VirtualFlow guesses the height of cells it has not laid out: a jump may land short and
        // is taken again from where it landed, as an operator dragging the scroll bar would.
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> {
            robot.interact(() -> ((ListView<?>) root).scrollTo(HOSTS - 1));
            return robot.lookup("#host-web-" + HOSTS).tryQuery().isPresent();
        });
        assertThat(((Label) robot.lookup("#last-line-web-" + HOSTS).query()).getText()).isEqualTo("last line of web-" + HOSTS);
        assertThat(robot.lookup("#host-web-2").tryQuery()).isEmpty();

        // Output streams on: a redraw shows the new last line of a visible host.
        robot.interact(() -> {
            tails.get("web-" + HOSTS).append("newer line of web-" + HOSTS);
            list.show(null, names, tails, Map.of());
        });
        assertThat(((Label) robot.lookup("#last-line-web-" + HOSTS).query()).getText()).isEqualTo("newer line of web-" + HOSTS);

        // Back at the top, web-2 is open as the operator left it, and web-1 still closed.
        robot.interact(() -> ((ListView<?>) root).scrollTo(0));
        assertThat(((ToggleButton) robot.lookup("#expand-web-2").query()).isSelected()).isTrue();
        assertThat(((ToggleButton) robot.lookup("#expand-web-1").query()).isSelected()).isFalse();
        assertThat(robot.lookup("#output-web-2").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("last line of web-2");
    }
}
