package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.audit.Operator;
import dev.belay.engine.SshTargets;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ui.fx.FxEvents;
import dev.belay.ui.terminal.TerminalAudit;
import dev.belay.ui.terminal.TerminalTabs;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The run's live terminals: the terminal tabs of {@code dev.belay.ui.terminal} over the run's SSH
 * settings, recorded in the run's audit log, with a menu to open any host's terminal. A
 * {@code terminal:} step opens its host's tab if needed, then types its command.
 */
final class RunTerminals implements TerminalTyping {

    private final RunSession session;
    private final TerminalTabs tabs;
    private final SshPool pool;
    private final BorderPane root = new BorderPane();
    private final Label status = new Label();

    RunTerminals(RunSession session) {
        this.session = session;
        this.pool = session.pool(); // the run's own: one login per host, one host-key question
        String operator = session.operator();
        this.tabs = new TerminalTabs(pool, new TerminalAudit(session.audit(), session.controller().runId(),
                Operator.current(operator == null || operator.isBlank() ? "?" : operator)));
        MenuButton open = new MenuButton("Open terminal on…", new FontIcon(Feather.TERMINAL));
        open.setId("open-terminal");
        open.getStyleClass().add(Styles.FLAT);
        for (String host : session.plan().inventory().hosts().keySet()) {
            MenuItem item = new MenuItem(host);
            item.setOnAction(e -> open(host).whenCompleteAsync((v, x) -> report(host, x), FxEvents.fxThread()));
            open.getItems().add(item);
        }
        status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox bar = new HBox(10, open, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        root.setTop(bar);
        root.setCenter(tabs.node());
        // folded to its bar ("Open terminal on…") until a terminal opens
        tabs.node().visibleProperty().bind(tabs.anyOpen());
        tabs.node().managedProperty().bind(tabs.anyOpen());
        root.setId("run-terminals");
        root.getStyleClass().add("terminal-area");
    }

    @Override
    public Node node() {
        return root;
    }

    /** Opens {@code host}'s tab (or shows it); completes when its shell is open. Call on the FX thread. */
    CompletableFuture<Void> open(String host) {
        try {
            return tabs.open(host, SshTargets.of(session.plan().inventory(), host)).thenApply(p -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public javafx.beans.value.ObservableBooleanValue opened() {
        return tabs.anyOpen();
    }

    @Override
    public CompletableFuture<Void> typeInto(String host, String command) {
        Executor fx = FxEvents.fxThread();
        return open(host).thenComposeAsync(v -> {
            tabs.select(host);
            return tabs.typeInto(host, command);
        }, fx);
    }

    @Override
    public void stepStarted(String stepId, String title) {
        tabs.markStep(title == null || title.isBlank() ? stepId : stepId + ": " + title);
    }

    private void report(String host, Throwable error) {
        status.setText(error == null ? "" : "Cannot open " + host + ": " + RunPresenter.rootMessage(error));
    }

    @Override
    public void close() {
        // the sessions are sealed in the audit log; the connections belong to the run (RunSession.close)
        tabs.close();
    }
}
