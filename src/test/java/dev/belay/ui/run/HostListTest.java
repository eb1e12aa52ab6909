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
        // The app's own look and least size (BelayApp, MainWindow). Left to chance, the theme and size were whatever an
        // earlier test class in the same JVM set, and the scrolling below behaved differently.
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.setScene(new Scene((javafx.scene.Parent) list.node(), 900, 560));
        stage.show();
    }

    @Test
    void onlyTheCardsInSightAreDrawnAndAnOpenedCardStaysOpenAcrossScrolling(FxRobot robot) throws Exception {
        Node root = list.node();
        assertThat(robot.lookup(".host-card").queryAll().size()).isBetween(1, 30);
        assertThat(this.<Label>part(robot, "web-1", "last-line").getText()).isEqualTo("last line of web-1");
        assertThat(card(robot, "web-100")).isEmpty();

        robot.clickOn(this.<ToggleButton>part(robot, "web-2", "expand-output"));
        assertThat(this.<ToggleButton>part(robot, "web-2", "expand-output").isSelected()).isTrue();

        // Scroll to the end: the cards there show their own hosts (reused cards, rebound). ListView.scrollTo of the
        // last index can stop one card short when cells differ in height (web-2 is open), so, as an operator would,
        // a jump and then the wheel, each laid out before the next look.
        org.testfx.util.WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> {
            robot.interact(() -> {
                ((ListView<?>) root).scrollTo(HOSTS - 1);
                ((javafx.scene.control.skin.VirtualFlow<?>) root.lookup(".virtual-flow")).scrollPixels(500);
                root.applyCss();
                ((javafx.scene.Parent) root).layout();
            });
            return card(robot, "web-" + HOSTS).isPresent();
        });
        assertThat(this.<Label>part(robot, "web-" + HOSTS, "last-line").getText()).isEqualTo("last line of web-" + HOSTS);
        assertThat(card(robot, "web-2")).isEmpty();

        // Output streams on: a redraw shows the new last line of a visible host.
        robot.interact(() -> {
            tails.get("web-" + HOSTS).append("newer line of web-" + HOSTS);
            list.show(null, names, tails, Map.of());
        });
        assertThat(this.<Label>part(robot, "web-" + HOSTS, "last-line").getText()).isEqualTo("newer line of web-" + HOSTS);

        // Back at the top, web-2 is open as the operator left it, and web-1 still closed.
        robot.interact(() -> ((ListView<?>) root).scrollTo(0));
        assertThat(this.<ToggleButton>part(robot, "web-2", "expand-output").isSelected()).isTrue();
        assertThat(this.<ToggleButton>part(robot, "web-1", "expand-output").isSelected()).isFalse();
        assertThat(this.<javafx.scene.control.TextArea>part(robot, "web-2", "host-output").getText())
                .contains("last line of web-2");
    }

    @Test
    void joiningHostsAreAddedAndAShorterListLeavesNoCardShowingAHostThatLeft(FxRobot robot) {
        ListView<?> view = (ListView<?>) list.node();
        List<Object> changes = new ArrayList<>();
        robot.interact(() -> view.getItems().addListener((javafx.collections.ListChangeListener<Object>) c -> {
            while (c.next()) {
                changes.add(c.wasReplaced() ? "replaced" : c.wasAdded() ? "added " + c.getAddedSize() : "removed");
            }
        }));
        List<String> more = new ArrayList<>(names);
        more.add("web-121");
        more.add("web-122");
        robot.interact(() -> list.show(null, more, tails, Map.of()));
        assertThat(changes).containsExactly("added 2"); // the cells in sight keep their hosts

        List<String> few = List.of("web-1", "web-2", "web-3");
        robot.interact(() -> list.show(null, few, tails, Map.of()));
        List<Object> shown = robot.lookup(".host-card").queryAll().stream().filter(HostListTest::inSight)
                .map(n -> n.getProperties().get(HostCard.HOST)).toList();
        assertThat(shown).containsExactly("web-1", "web-2", "web-3");
    }

    /** The card showing {@code host} now, if one does (a reused card names its host in a property, not in ids). */
    private static java.util.Optional<Node> card(FxRobot robot, String host) {
        return robot.lookup(".host-card").queryAll().stream()
                .filter(n -> inSight(n) && host.equals(n.getProperties().get(HostCard.HOST))).findFirst();
    }

    /** Visible with all its parents (a list keeps spare cells hidden). */
    private static boolean inSight(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private <T extends Node> T part(FxRobot robot, String host, String styleClass) {
        Node card = card(robot, host).orElseThrow(() -> new AssertionError("no card shows " + host));
        return (T) robot.from(card).lookup("." + styleClass).query();
    }
}
