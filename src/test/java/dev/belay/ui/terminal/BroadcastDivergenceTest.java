package dev.belay.ui.terminal;

import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.Operator;
import dev.belay.lab.PracticeLab;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A broadcast to three lab hosts where one prints something else: exactly that tab is marked. */
@ExtendWith(ApplicationExtension.class)
class BroadcastDivergenceTest {

    private LabTerminals.Rig rig;
    private PracticeLab lab;
    private TerminalTabs tabs;

    @Start
    void start(Stage stage) throws Exception {
        rig = LabTerminals.Rig.start(Files.createTempDirectory("belay-divergence"), 3, new Operator("alice", "alice", "ws-1"));
        lab = rig.lab();
        tabs = rig.tabs();
        rig.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void marksTheOneHostWhoseOutputDiffersAndShowsItsLinesSideBySide(FxRobot robot) throws Exception {
        List<String> hosts = List.of("lab-1", "lab-2", "lab-3");
        for (String h : hosts) {
            TerminalPane p = onFx(() -> tabs.open(h, LabTerminals.target(lab, h))).get(30, TimeUnit.SECONDS);
            await("the " + h + " prompt", 20, () -> p.screenText().contains(h + "$"));
            String middle = h.equals("lab-3") ? "beta-changed" : "beta";
            tabs.typeInto(h, "printf 'alpha\\n" + middle + "\\ngamma\\n' > /root/conf; echo written-$((40+2))")
                    .get(30, TimeUnit.SECONDS);
            await(h + " wrote its file", 20, () -> p.screenText().contains("\nwritten-42"));
        }

        robot.interact(() -> tabs.broadcastProperty().set(true));
        robot.clickOn(tabs.terminal("lab-1").orElseThrow().node());
        robot.write("cat /root/conf").type(KeyCode.ENTER);
        await("the divergence computed", 30, () -> onFx(() -> tabs.divergence().isPresent()));

        assertThat(onFx(() -> markedTabs())).containsExactly("lab-3  \u2260 1 line");
        Divergence.Result result = onFx(() -> tabs.divergence().orElseThrow());
        assertThat(result.majorityHosts()).containsExactly("lab-1", "lab-2");

        robot.clickOn("#divergence-show");
        await("the side-by-side window", 30, () -> onFx(() -> divergenceView() != null));
        Node view = onFx(this::divergenceView);
        assertThat(onFx(() -> texts(view, "divergence-majority"))).containsExactly("beta");
        assertThat(onFx(() -> texts(view, "divergence-host"))).containsExactly("beta-changed");

        // The operator closes the window; the next broadcast clears the marks, and when every host
        // agrees none is marked again.
        robot.interact(() -> view.getScene().getWindow().hide());
        robot.clickOn(tabs.terminal("lab-2").orElseThrow().node());
        robot.write("head -1 /root/conf").type(KeyCode.ENTER);
        await("the next divergence computed", 30,
                () -> onFx(() -> tabs.divergence().map(Divergence.Result::allAgree).orElse(false)));
        assertThat(onFx(() -> markedTabs())).isEmpty();
        assertThat(onFx(() -> robot.lookup("#divergence-show").query().isVisible())).isFalse();
    }

    private List<String> markedTabs() {
        TabPane pane = (TabPane) tabs.node().lookup("#terminal-tabs");
        return pane.getTabs().stream().filter(t -> t.getStyleClass().contains(TerminalTabs.DIVERGENT))
                .map(Tab::getText).toList();
    }

    private Node divergenceView() {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot())
                .filter(r -> "divergence-view".equals(r.getId())).findFirst().orElse(null);
    }

    private static List<String> texts(Node view, String styleClass) {
        return view.lookupAll("." + styleClass).stream().map(n -> ((Label) n).getText()).toList();
    }
}
