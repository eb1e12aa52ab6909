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
                askAndResume(owner, runs);
            }
            return null;
        }, FxEvents.fxThread());
    }

    /**
     * Resumes one unfinished run (History's Resume…): the same dialog and run window as the offer at
     * start, for that run only; says why when the log shows it cannot resume.
     */
    public CompletableFuture<Void> resume(Window owner, String runId) {
        for (RunWindow w : windows) {
            // Unfinished because it is running here: show its window rather than resume a second copy.
            if (w.stage().isShowing() && w.view().session() != null
                    && runId.equals(w.view().session().controller().runId())) {
                w.stage().toFront();
                return CompletableFuture.completedFuture(null);
            }
        }
        return service.interruptedRuns().handleAsync((runs, e) -> {
            List<ResumeInfo> these = e != null ? List.of()
                    : runs.stream().filter(r -> r.runId().equals(runId)).toList();
            if (these.isEmpty()) {
                Alert a = new Alert(Alert.AlertType.WARNING, e != null
                        ? "Belay could not read the audit log: " + RunPresenter.rootMessage(e)
                        : "Run " + runId + " has finished meanwhile, so there is nothing to resume.");
                a.initOwner(owner);
                a.show();
            } else {
                askAndResume(owner, these);
            }
            return null;
        }, FxEvents.fxThread());
    }

    private void askAndResume(Window owner, List<ResumeInfo> runs) {
        String operator = service.settings().prefs().get(StartRunDialog.OPERATOR_KEY, "");
        new ResumeDialog(owner, runs, operator).showAndWait().ifPresent(c -> windows.add(
                RunWindow.resume(service, c.runId(), c.operator(), c.secrets(), null, baseStylesheet, links)));
    }
}
