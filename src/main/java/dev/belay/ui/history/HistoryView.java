package dev.belay.ui.history;

import dev.belay.ui.fx.Background;

import dev.belay.audit.AuditStore;
import dev.belay.audit.ReportFormat;
import dev.belay.audit.RunReport;
import dev.belay.audit.RunSummary;
import dev.belay.audit.VerifyResult;
import dev.belay.audit.bundle.EvidenceBundle;
import dev.belay.audit.compare.RunComparison;
import dev.belay.engine.RunbookContentHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Past runs from the audit log: filter them, open one's timeline, replay its terminals, export its
 * report, and check the log's integrity. Every query runs off the FX thread through {@link Background}.
 */
public final class HistoryView {

    static final String STYLESHEET = "/dev/belay/ui/history/history.css";

    private final AuditAccess audit;
    private final Background background = Background.pool("history", 2);
    private final RunFilters filters = new RunFilters(this::refresh);
    private final TableView<RunSummary> runs = RunsTable.create();
    private final RunDetailView detail = new RunDetailView(this::chooseExport, this::resume);
    private java.util.function.Consumer<RunSummary> onResume;
    private final Label verifyResult = new Label();
    private final Label status = new Label();
    private final dev.belay.ui.approval.PendingApprovals pending;
    private final BorderPane root = new BorderPane();
    private boolean loadedOnce;
    private String shownRunId;
    private boolean closed;
    private javafx.stage.Stage compareStage;
    private CompareView lastCompare;

    /** A history over {@code store}, opened on first use off the FX thread and closed by {@link #close()}. */
    public HistoryView(Supplier<AuditStore> store) {
        this(new AuditAccess(store, true));
    }

    /** A history over a store someone else owns and closes. */
    public static HistoryView over(AuditStore store) {
        return new HistoryView(new AuditAccess(() -> store, false));
    }

    /** A history over a store someone else owns, got (opened) on first use off the FX thread. */
    public static HistoryView borrowing(Supplier<AuditStore> store) {
        return new HistoryView(new AuditAccess(store, false));
    }

    private HistoryView(AuditAccess audit) {
        this.audit = audit;
        this.pending = new dev.belay.ui.approval.PendingApprovals(audit::store);
        Button verify = new Button("Check integrity", new FontIcon(Feather.SHIELD));
        verify.setId("verify");
        verify.setOnAction(e -> verify());
        verifyResult.setId("verify-result");
        status.setId("history-status");
        status.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label heading = new Label("Run history");
        heading.getStyleClass().add("title-3");
        Button bundle = new Button("Evidence bundle…", new FontIcon(Feather.PACKAGE));
        bundle.setId("bundle");
        bundle.setOnAction(e -> chooseBundle());
        Button compare = new Button("Compare two runs", new FontIcon(Feather.COLUMNS));
        compare.setId("compare");
        compare.setOnAction(e -> compareSelected());
        runs.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        HBox top = new HBox(12, heading, spacer, verifyResult, verify, bundle, compare);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(10, top, pending.node(), filters.node(), status);
        header.setPadding(new Insets(14, 16, 10, 16));
        runs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.runId().equals(shownRunId)) {
                openRun(now.runId());
            }
        });
        // The list above the run, both full width: at the default 1280 x 800 neither has to cut its
        // columns short (side by side, both did; docs/images/history.png).
        SplitPane split = new SplitPane(runs, detail.node());
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.34);
        root.setTop(header);
        root.setCenter(split);
        root.getStyleClass().add("history");
        root.getStylesheets().add(HistoryView.class.getResource(STYLESHEET).toExternalForm());
        root.sceneProperty().addListener((o, was, now) -> {
            if (now != null && !loadedOnce) {
                loadedOnce = true;
                refresh();
            }
        });
    }

    public Node node() {
        return root;
    }

    /**
     * Offers Resume… on unfinished runs: {@code action} opens the run window as Belay's start-up
     * offer does. Without one (a read-only history) no run is offered for resume.
     */
    public void setOnResume(java.util.function.Consumer<RunSummary> action) {
        this.onResume = action;
        detail.resumable(action != null);
    }

    private void resume(RunSummary run) {
        if (onResume != null) {
            onResume.accept(run);
        }
    }

    /** The points of no return that wait for approval (a second operator approves from here). */
    public dev.belay.ui.approval.PendingApprovals pendingApprovals() {
        return pending;
    }

    /** Runs the filter query again. */
    public CompletableFuture<List<RunSummary>> refresh() {
        var query = filters.query();
        status.setText("Searching…");
        pending.refresh();
        return background.run(() -> audit.store().runs(query), found -> {
            runs.getItems().setAll(found);
            status.setText(found.size() == 1 ? "1 run" : found.size() + " runs");
        }, this::failed);
    }

    /** Loads one run's report (timeline, durations, failures, downtime, recordings) and shows it. */
    public CompletableFuture<RunReport> openRun(String runId) {
        shownRunId = runId;
        return background.run(() -> RunReport.load(audit.store(), runId).orElseThrow(
                () -> new IllegalArgumentException("No run " + runId + " in " + audit.store().location())),
                report -> {
                    detail.show(report);
                    runs.getItems().stream().filter(r -> r.runId().equals(runId)).findFirst()
                            .ifPresent(r -> runs.getSelectionModel().select(r));
                }, this::failed);
    }

    /** Recomputes the hash chain, holds it against the signed checkpoints, says plainly whether the log is intact. */
    public CompletableFuture<VerifyResult> verify() {
        verifyResult.setText("Checking…");
        verifyResult.getStyleClass().removeAll("verify-ok", "verify-broken");
        return background.run(() -> Integrity.check(audit.store()), this::showVerify, this::failed)
                .thenApply(Integrity::chain);
    }

    private void showVerify(Integrity result) {
        verifyResult.setText(result.verdict());
        verifyResult.getStyleClass().add(result.intact() ? "verify-ok" : "verify-broken");
    }

    /** Writes a run's report in {@code format} to {@code file}, off the FX thread. */
    public CompletableFuture<Path> exportTo(String runId, ReportFormat format, Path file) {
        return background.run(() -> {
            RunReport report = RunReport.load(audit.store(), runId).orElseThrow(
                    () -> new IllegalArgumentException("No run " + runId + " to export"));
            Files.writeString(file, format.render(report));
            return file;
        }, f -> status.setText("Exported " + format.name() + " report to " + f), this::failed);
    }

    private void chooseExport(RunSummary run, ReportFormat format) {
        String ext = switch (format) {
            case HTML -> "html";
            case MD -> "md";
            case JSON -> "json";
        };
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the " + format.name() + " report of " + run.runbookId());
        chooser.setInitialFileName(run.runbookId() + "-" + run.runId() + "." + ext);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + ext));
        var file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            exportTo(run.runId(), format, file.toPath());
        }
    }

    /** Writes the evidence bundle of a run (see {@code belay audit bundle}) to {@code zip}, off the FX thread. */
    public CompletableFuture<Path> bundleTo(String runId, Path zip) {
        return background.run(() -> EvidenceBundle.write(audit.store(), runId, zip, RunbookContentHash::of)
                        .orElseThrow(() -> new IllegalArgumentException("No run " + runId + " to bundle")).zip(),
                f -> status.setText("Wrote the evidence bundle " + f + " (open index.html inside)"), this::failed);
    }

    private void chooseBundle() {
        RunSummary run = runs.getSelectionModel().getSelectedItem();
        if (run == null) {
            status.setText("Pick a run first, then make its evidence bundle.");
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the evidence bundle of " + run.runbookId());
        chooser.setInitialFileName("belay-evidence-" + run.runId() + ".zip");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zip", "*.zip"));
        var file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            bundleTo(run.runId(), file.toPath());
        }
    }

    /** Compares two runs (A the reference) and shows them side by side in a window of their own. */
    public CompletableFuture<CompareView> compare(String runA, String runB) {
        return background.run(() -> RunComparison.load(audit.store(), runA, runB).orElseThrow(
                () -> new IllegalArgumentException("No run " + runA + " or " + runB + " in " + audit.store().location())),
                c -> {
                    if (compareStage != null) {
                        compareStage.close();
                    }
                    CompareView view = new CompareView();
                    view.show(c);
                    javafx.stage.Stage stage = new javafx.stage.Stage();
                    stage.setTitle("Belay: compare " + runA + " with " + runB);
                    stage.setScene(new javafx.scene.Scene((javafx.scene.Parent) view.node(), 1100, 720));
                    if (root.getScene() != null) {
                        stage.initOwner(root.getScene().getWindow());
                    }
                    stage.show();
                    compareStage = stage;
                    lastCompare = view;
                }, this::failed).thenApply(c -> lastCompare);
    }

    /** The two selected runs, the older one as A (a rehearsal before the real run reads left to right). */
    private void compareSelected() {
        List<RunSummary> picked = List.copyOf(runs.getSelectionModel().getSelectedItems());
        if (picked.size() != 2) {
            status.setText("Select two runs (Ctrl+click) to compare them.");
            return;
        }
        boolean firstOlder = picked.get(0).startedAt().isBefore(picked.get(1).startedAt());
        compare((firstOlder ? picked.get(0) : picked.get(1)).runId(), (firstOlder ? picked.get(1) : picked.get(0)).runId());
    }

    private void failed(Throwable e) {
        status.setText(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    /** The replay of the run on show, for tests and shortcuts. */
    public ReplayPane replay() {
        return detail.replay();
    }

    void selectDetailTab(String title) {
        detail.selectTab(title);
    }

    /** Closes the replay and the audit store; a second call does nothing (the pool is gone by then). */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.close();
        if (compareStage != null) {
            compareStage.close();
        }
        detail.replay().close();
        background.run(() -> {
            audit.close();
            return null;
        }, v -> background.close(), e -> background.close());
    }
}
