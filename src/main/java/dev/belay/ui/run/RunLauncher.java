package dev.belay.ui.run;

import dev.belay.runbook.Runbook;
import dev.belay.ui.fx.FxEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/** Starts runs from the library (the start dialog, then a run window) and offers to resume interrupted ones. */
public final class RunLauncher {

    private final RunService service;
    private final String baseStylesheet;
    private final List<RunWindow> windows = new ArrayList<>();
    private RunView.EndLinks links;

    /** @param baseStylesheet the app's stylesheet URL, added to each run window before the run's own */
    public RunLauncher(RunService service, String baseStylesheet) {
        this.service = service;
        this.baseStylesheet = baseStylesheet;
    }

    /** Where the run windows' end panels lead (History and its export). */
    public void setEndLinks(RunView.EndLinks links) {
        this.links = links;
    }

    public RunService service() {
        return service;
    }

    /** The run windows opened so far (for tests and for the app to close on exit). */
    public List<RunWindow> windows() {
        return List.copyOf(windows);
    }

    /** Shows the start dialog for {@code runbook}; on Start, opens the run window and starts the run. */
    public void startRun(Window owner, Runbook runbook, Path runbookFile) {
        new StartRunDialog(owner, runbook, runbookFile, service).showAndWait()
                .ifPresent(req -> windows.add(RunWindow.start(service, req, null, baseStylesheet, links)));
    }

    /** Looks for runs without a finish in the audit log (off the FX thread) and offers to resume one. */
    public CompletableFuture<Void> offerResume(Window owner) {
        return service.interruptedRuns().handleAsync((runs, e) -> {
            if (e != null) {
                Alert a = new Alert(Alert.AlertType.WARNING, "Belay could not read the audit log to look for "
                        + "interrupted runs: " + RunPresenter.rootMessage(e));
                a.initOwner(owner);
                a.show();
                return null;
            }
            if (!runs.isEmpty()) {
                String operator = service.settings().prefs().get(StartRunDialog.OPERATOR_KEY, "");
                new ResumeDialog(owner, runs, operator).showAndWait().ifPresent(c -> windows.add(
                        RunWindow.resume(service, c.runId(), c.operator(), c.secrets(), null, baseStylesheet,
                        links)));
            }
            return null;
        }, FxEvents.fxThread());
    }
}
