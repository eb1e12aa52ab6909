package dev.belay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.engine.RunState;
import dev.belay.ui.run.RunWindow;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Bounded waits and FX-thread reads shared by the desktop tests: every wait ends within {@link #WAIT_S}. */
public final class FxTest {

    public static final long WAIT_S = 30;

    private FxTest() {
    }

    /** Waits until the run's state meets {@code condition}, failing with the steps' states if it does not. */
    public static RunState waitFor(RunWindow run, Predicate<RunState> condition) throws Exception {
        // A window shows before its run is attached (starting or resuming happens off the FX thread).
        waitUntil(() -> fx(() -> run.view().session() != null));
        RunState s = run.view().session().controller().await(condition, java.time.Duration.ofSeconds(WAIT_S));
        assertThat(condition.test(s)).as("run state %s: %s, awaiting %s", s.status(),
                s.steps().stream().map(x -> x.id() + "=" + x.status()).toList(), s.awaiting()).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        return s;
    }

    public static void clickWhenThere(FxRobot robot, Node root, String id) throws Exception {
        waitUntil(() -> lookup(root, id) != null && fx(() -> lookup(root, id).isVisible()));
        robot.clickOn(lookup(root, id));
    }

    public static Node lookup(Node root, String selector) {
        try {
            return fx(() -> root.lookup(selector));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A label's text, or the texts of the labels inside a container, one a line; "" when absent. */
    public static String text(Node root, String selector) {
        try {
            return fx(() -> {
                Node n = root.lookup(selector);
                if (n == null) {
                    return "";
                }
                if (n instanceof Label l) {
                    return l.getText();
                }
                StringBuilder b = new StringBuilder();
                n.lookupAll(".label").forEach(x -> b.append(((Label) x).getText()).append('\n'));
                return b.toString();
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
    }

    public static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        waitUntil(WAIT_S, condition);
    }

    /** As {@link #waitUntil(Callable)}, for waits whose length follows from the data (a replay's length). */
    public static void waitUntil(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
