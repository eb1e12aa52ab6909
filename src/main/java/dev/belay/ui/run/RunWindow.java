package dev.belay.ui.run;

import dev.belay.engine.RunEvent;
import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ui.fx.FxEvents;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * A run in its own window: the run view, its keyboard shortcuts, and the question when the window
 * is closed mid-run (stay, or leave the run resumable).
 */
public final class RunWindow {

    static final String STYLESHEET = "/dev/belay/ui/run/run.css";
    static final ButtonType STAY = new ButtonType("Stay", ButtonBar.ButtonData.CANCEL_CLOSE);
    static final ButtonType LEAVE = new ButtonType("Close, resume later", ButtonBar.ButtonData.OK_DONE);

    private final RunService service;
    private final RunView view;
    private final Stage stage = new Stage();

    private RunWindow(RunService service, TerminalTyping terminals, String baseStylesheet, RunView.EndLinks links) {
        this.service = service;
        this.view = new RunView(terminals, links);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene((javafx.scene.Parent) view.node(), Math.min(1280, screen.getWidth()),
                Math.min(860, screen.getHeight()));
        if (baseStylesheet != null) {
            scene.getStylesheets().add(baseStylesheet);
        }
        scene.getStylesheets().add(RunWindow.class.getResource(STYLESHEET).toExternalForm());
        keys(scene);
        stage.setScene(scene);
        stage.setTitle("Belay · run");
        stage.setMinWidth(960);
        stage.setMinHeight(600);
        stage.setOnCloseRequest(e -> {
            if (!mayClose()) {
                e.consume();
            }
        });
        stage.setOnHidden(e -> release());
    }

    /** Opens the window and starts the run described by {@code request}. */
    public static RunWindow start(RunService service, StartRequest request, TerminalTyping terminals, String baseStylesheet) {
        return start(service, request, terminals, baseStylesheet, null);
    }

    /** As above; the end panel's links lead to {@code links} (the main window's History). */
    public static RunWindow start(RunService service, StartRequest request, TerminalTyping terminals, String baseStylesheet,
                                  RunView.EndLinks links) {
        RunWindow w = new RunWindow(service, terminals, baseStylesheet, links);
        w.stage.show();
        w.attach(service.start(request, w.hostKeys(), new PassphraseDialog(w.stage), w.view.listener()));
        return w;
    }

    /** Opens the window and resumes {@code runId}. */
    public static RunWindow resume(RunService service, String runId, String operator, Map<String, String> secrets,
                                   TerminalTyping terminals, String baseStylesheet) {
        return resume(service, runId, operator, secrets, terminals, baseStylesheet, null);
    }

    /** As above, with the end panel's links. */
    public static RunWindow resume(RunService service, String runId, String operator, Map<String, String> secrets,
                                   TerminalTyping terminals, String baseStylesheet, RunView.EndLinks links) {
        RunWindow w = new RunWindow(service, terminals, baseStylesheet, links);
        w.stage.show();
        w.attach(service.resume(runId, operator, secrets, w.hostKeys(), new PassphraseDialog(w.stage),
                w.view.listener()));
        return w;
    }

    /** Closes the window as its close button does: mid-run it asks first. */
    public void requestClose() {
        if (mayClose()) {
            stage.hide();
        }
    }

    public Stage stage() {
        return stage;
    }

    public RunView view() {
        return view;
    }

    private HostKeyPrompt hostKeys() {
        return new HostKeyDialog(stage);
    }

    private void attach(CompletableFuture<RunSession> started) {
        started.whenCompleteAsync((session, e) -> {
            if (e != null) {
                view.failed(RunView.rootMessage(e));
                return;
            }
            if (!stage.isShowing()) {
                service.closeLater(session);
                return;
            }
            view.attach(session);
            if ("lab".equals(session.plan().inventory().environment())) {
                service.lab().ifPresent(l -> dev.belay.ui.lab.LabWindow.open(l, stage)); // the lab panel
            }
            stage.setTitle("Belay · " + session.plan().inventory().environment().toUpperCase(java.util.Locale.ROOT)
                    + " · " + session.plan().runbook().title());
            Consumer<RunEvent> onEnd = ev -> {
                if (ev instanceof RunEvent.RunFinished || ev instanceof RunEvent.RunAborted) {
                    service.closeLater(session);
                }
            };
            session.controller().addListener(onEnd);
        }, FxEvents.fxThread());
    }

    private void keys(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), view::confirmShown);
        acc.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), view::skipShown);
        acc.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), view::typeShownIntoTerminal);
        acc.put(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN), () -> view.move(1));
        acc.put(new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN), () -> view.move(-1));
        acc.put(new KeyCodeCombination(KeyCode.J, KeyCombination.SHORTCUT_DOWN), view::followActive);
        // A filter, not an accelerator: a focused terminal consumes keys before accelerators see them.
        KeyCodeCombination runNext = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (runNext.match(e)) {
                e.consume();
                view.runNext();
            } else if (e.getCode() == KeyCode.ESCAPE && !e.isShortcutDown() && view.inTerminals(scene.getFocusOwner())) {
                e.consume(); // Esc leaves the terminal; Ctrl+[ still sends Esc to a program like vi
                view.leaveTerminal();
            }
        });
    }

    /** Mid-run, asks: stay, or close and leave the run resumable. */
    private boolean mayClose() {
        RunSession s = view.session();
        if (s == null || !view.runActive()) {
            return true;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, null, STAY, LEAVE);
        a.initOwner(stage);
        a.setTitle("The run is not finished");
        a.setHeaderText("Close this window while the run is going?");
        a.setContentText(s.mode() == dev.belay.engine.RunMode.DRY_RUN
                ? "This is a dry run: closing it drops it."
                : "Running commands are stopped; the run stays in the audit log, and Belay offers to resume it "
                + "when it starts again (or: belay resume " + s.controller().runId() + ").");
        a.getDialogPane().setId("close-run-dialog");
        return a.showAndWait().orElse(STAY) == LEAVE;
    }

    private void release() {
        view.dispose();
        RunSession s = view.session();
        if (s != null) {
            service.closeLater(s);
        }
    }
}
