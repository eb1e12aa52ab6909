package dev.belay.ui.run;

import static dev.belay.ui.FxTest.fx;
import static dev.belay.ui.FxTest.lookup;
import static dev.belay.ui.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.app.LiveRun;
import dev.belay.audit.AuditStore;
import dev.belay.engine.AuditEventSink;
import dev.belay.engine.Plan;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEngine;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunOptions;
import dev.belay.ui.run.bench.RunViewBenchmark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The run view following a step on more hosts than fit as cards, on a real stage with the real
 * engine (an in-process transport that prints each host's lines): the host list shows every host
 * from the moment the step shows, pending, and keeps its items and its place in the panel while the
 * hosts run, so the list is never rebuilt while output streams.
 */
@ExtendWith(ApplicationExtension.class)
class RunViewManyHostsTest {

    private static final int HOSTS = StepPanel.LISTED_HOSTS + 10;

    private Stage stage;

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        this.stage = stage;
    }

    @Test
    void aStepOnManyHostsListsThemAllPendingAndKeepsTheListWhileTheyRun(@TempDir Path dir) throws Exception {
        Plan plan = RunViewBenchmark.plan(HOSTS);
        try (AuditStore audit = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")))) {
            RunEngine engine = new RunEngine(new PrintingTransport(50), new AuditEventSink(audit));
            RunView view = fx(() -> new RunView(null));
            fx(() -> {
                Scene scene = new Scene((Parent) view.node(), 1000, 700);
                scene.getStylesheets().add(RunView.class.getResource("/dev/belay/ui/run/run.css").toExternalForm());
                stage.setScene(scene);
                stage.show();
                return null;
            });
            RunController run = engine.start(plan, RunOptions.live("test").withStepByStep(true), view.listener());
            try {
                RunSession session = new RunSession(new LiveRun(run, plan, null), RunMode.LIVE, null, "test");
                fx(() -> {
                    view.attach(session);
                    return null;
                });
                Node root = view.node();
                run.await(s -> s.awaiting() != null && "stream".equals(s.awaiting().stepId()), Duration.ofSeconds(60));

                // Before it runs: every host of the step, in the plan's order, pending.
                waitUntil(() -> fx(() -> lookup(root, "#host-results") instanceof ListView<?> l && l.getItems().size() == HOSTS));
                @SuppressWarnings("unchecked")
                ListView<String> list = (ListView<String>) fx(() -> lookup(root, "#host-results"));
                assertThat(fx(() -> List.copyOf(list.getItems())).subList(0, 3)).containsExactly("web-1", "web-2", "web-3");
                waitUntil(() -> fx(() -> header(list, "web-1").map(t -> t.contains("pending")).orElse(false)));
                Parent section = fx(list::getParent);
                List<String> changes = new ArrayList<>();
                fx(() -> {
                    list.getItems().addListener((ListChangeListener<String>) c -> changes.add(c.toString()));
                    return null;
                });

                run.run("stream");
                run.await(s -> s.step("stream").map(st -> st.status().done()).orElse(false), Duration.ofSeconds(60));

                // Each card shows its host's result and last line; the list was never refilled or moved.
                waitUntil(() -> fx(() -> header(list, "web-1").map(t -> t.contains("passed")).orElse(false)));
                waitUntil(() -> fx(() -> part(list, "web-1", ".last-line").map(t -> t.equals(
                        "line 50 from web-1 with some padding to look like a log")).orElse(false)));
                assertThat(changes).isEmpty();
                assertThat(fx(() -> lookup(root, "#host-results"))).isSameAs(list);
                assertThat(fx(list::getParent)).isSameAs(section);
                assertThat(fx(() -> list.getItems().size())).isEqualTo(HOSTS);
            } finally {
                fx(() -> {
                    view.dispose();
                    return null;
                });
                run.close();
            }
        }
    }

    /** The text of the header of the visible card showing {@code host}, if one is in sight. */
    private static Optional<String> header(ListView<String> list, String host) {
        return part(list, host, ".host-name");
    }

    private static Optional<String> part(ListView<String> list, String host, String selector) {
        return list.lookupAll(".host-card").stream()
                .filter(n -> n.isVisible() && host.equals(n.getProperties().get(HostCard.HOST)))
                .findFirst()
                .map(card -> ((Label) card.lookup(selector)).getText());
    }
}
