package dev.belay.ui.history;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.EventText;
import dev.belay.audit.LoggedEvent;
import dev.belay.audit.ReportFormat;
import dev.belay.audit.RunReport;
import dev.belay.audit.RunSummary;
import dev.belay.audit.StepDuration;
import java.time.Duration;
import java.util.function.BiConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One past run: who did what and when, step durations against the estimate and the team's earlier
 * runs, failed checks with their output, monitor downtime, and terminal replay. Shows a loaded
 * {@link RunReport}; loading and exporting happen elsewhere, off the FX thread.
 */
final class RunDetailView {

    private final BorderPane root = new BorderPane();
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final Label badge = new Label();
    private final Label outcome = new Label();
    private final TableView<AuditEvent> timeline = new TableView<>();
    private final TableView<StepDuration> steps = new TableView<>();
    private final VBox failures = new VBox(12);
    private final VBox downtime = new VBox(6);
    private final ListView<RunReport.CastFile> recordings = new ListView<>();
    private final ReplayPane replay = new ReplayPane();
    private final TabPane tabs = new TabPane();
    private final Label placeholder = new Label("Pick a run to see its timeline.");
    private final Button resume = new Button("Resume…");
    private boolean resumable;
    private RunReport report;

    RunDetailView(BiConsumer<RunSummary, ReportFormat> onExport, java.util.function.Consumer<RunSummary> onResume) {
        title.getStyleClass().add("title-3");
        title.setId("run-title");
        subtitle.getStyleClass().add("muted");
        badge.getStyleClass().add("env-badge");
        outcome.setId("run-outcome");
        HBox exports = new HBox(6);
        for (ReportFormat f : ReportFormat.values()) {
            Button b = new Button(f == ReportFormat.MD ? "Markdown" : f.name());
            b.setId("export-" + f.name().toLowerCase());
            b.setOnAction(e -> onExport.accept(report.run(), f));
            exports.getChildren().add(b);
        }
        resume.setId("resume-run");
        resume.getStyleClass().add("accent");
        resume.setTooltip(new javafx.scene.control.Tooltip("This run never finished: resume it where it stopped"));
        resume.setOnAction(e -> onResume.accept(report.run()));
        resume.setVisible(false);
        resume.managedProperty().bind(resume.visibleProperty());
        Label exportLabel = new Label("Export:");
        exportLabel.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Region r : new Region[] {badge, outcome, resume, exportLabel, exports}) {
            r.setMinWidth(Region.USE_PREF_SIZE); // the subtitle shortens first, never these
        }
        exports.getChildren().forEach(b -> ((Region) b).setMinWidth(Region.USE_PREF_SIZE));
        VBox titles = new VBox(2, title, subtitle);
        titles.setMinWidth(120);
        HBox head = new HBox(10, badge, titles, outcome, resume, spacer, exportLabel, exports);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(0, 0, 10, 0));

        buildTimeline();
        buildSteps();
        failures.setId("failed-checks");
        failures.setPadding(new Insets(10));
        downtime.setId("downtime");
        downtime.setPadding(new Insets(10));
        recordings.setId("recordings");
        recordings.setPrefWidth(220);
        recordings.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RunReport.CastFile item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null
                        : item.ref().targetHost() + "  " + Formats.time(item.ref().started()));
            }
        });
        recordings.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                replay.load(now.cast());
            }
        });
        SplitPane replaySplit = new SplitPane(recordings, replay.node());
        replaySplit.setDividerPositions(0.22);

        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("run-tabs");
        tabs.getTabs().addAll(tab("Timeline", timeline), tab("Steps", steps),
                tab("Failed checks", scroll(failures)), tab("Downtime", scroll(downtime)),
                tab("Replay", replaySplit));
        VBox body = new VBox(head, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        root.setPadding(new Insets(12));
        root.getStyleClass().add("run-detail");
        root.setCenter(placeholder);
        placeholder.getStyleClass().add("muted");
        this.body = body;
    }

    private final VBox body;

    Node node() {
        return root;
    }

    ReplayPane replay() {
        return replay;
    }

    void selectTab(String text) {
        tabs.getTabs().stream().filter(t -> t.getText().startsWith(text)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Whether unfinished runs offer Resume… (only when the history can start runs). */
    void resumable(boolean on) {
        resumable = on;
        resume.setVisible(on && report != null && report.run().outcome() == dev.belay.audit.RunOutcome.UNFINISHED);
    }

    void show(RunReport r) {
        report = r;
        RunSummary run = r.run();
        resumable(resumable);
        title.setText(run.runbookId() + (run.revision().isEmpty() ? "" : "  rev " + run.revision()));
        subtitle.setText(Formats.dateTime(run.startedAt()) + " · " + String.join(" → ", run.operators())
                + " · " + run.inventory() + " · run " + run.runId());
        String env = run.environment().isBlank() ? "unknown" : run.environment();
        badge.setText(env.toUpperCase() + (run.rehearsal() ? " · REHEARSAL" : ""));
        badge.getStyleClass().removeIf(c -> c.startsWith("env-") && !c.equals("env-badge"));
        badge.getStyleClass().add("env-" + envClass(env));
        outcome.setText(RunsTable.label(run.outcome()) + (run.endedAt() == null ? ""
                : " in " + Formats.duration(Duration.between(run.startedAt(), run.endedAt()))));
        timeline.getItems().setAll(r.timeline());
        steps.getItems().setAll(r.steps());
        showFailures(r);
        showDowntime(r);
        replay.close();
        recordings.getItems().setAll(r.recordings());
        tabs.getTabs().get(2).setText("Failed checks (" + r.failures().size() + ")");
        tabs.getTabs().get(4).setText("Replay (" + r.recordings().size() + ")");
        root.setCenter(body);
    }

    static String envClass(String env) {
        String e = env.toLowerCase();
        if (e.startsWith("prod")) {
            return "production";
        }
        if (e.startsWith("stag")) {
            return "staging";
        }
        return "lab";
    }

    private void buildTimeline() {
        timeline.setId("timeline-table");
        timeline.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        timeline.getColumns().add(RunsTable.column("Time", 90, e -> Formats.time(e.ts())));
        timeline.getColumns().add(RunsTable.column("+", 65, e -> report == null ? ""
                : Formats.duration(Duration.between(report.run().startedAt(), e.ts()))));
        timeline.getColumns().add(RunsTable.column("Who", 80, e -> e.operator().name()));
        timeline.getColumns().add(RunsTable.column("Host", 90, e -> e.targetHost() == null ? "" : e.targetHost()));
        timeline.getColumns().add(RunsTable.column("Event", 170, e -> EventText.what(e.event())));
        timeline.getColumns().add(RunsTable.column("Detail", 500, RunDetailView::describe));
        timeline.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(AuditEvent e, boolean empty) {
                super.updateItem(e, empty);
                getStyleClass().remove("event-failed");
                // A narrow window cuts long details short; the whole line is a hover away.
                String line = empty || e == null ? "" : describe(e);
                setTooltip(line.isEmpty() ? null : new javafx.scene.control.Tooltip(line));
                if (!empty && e != null && (e.type().name().endsWith("FAILED") || e.type().name().equals("MONITOR_DOWN"))) {
                    getStyleClass().add("event-failed");
                }
            }
        });
    }

    /** The audit's one-line description in plain words. */
    static String describe(AuditEvent e) {
        return RunReport.describe(e);
    }

    private void buildSteps() {
        steps.setId("steps-table");
        steps.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        steps.getColumns().add(RunsTable.column("Step", 220, s -> s.title().isEmpty() ? s.stepId() : s.title()));
        steps.getColumns().add(RunsTable.column("Status", 80, StepDuration::status));
        steps.getColumns().add(RunsTable.column("Took", 70, s -> Formats.duration(s.actual())));
        steps.getColumns().add(RunsTable.column("Estimate", 75, s -> Formats.duration(s.estimate())));
        steps.getColumns().add(RunsTable.column("vs estimate", 85, s -> Formats.delta(s.actual(), s.estimate())));
        steps.getColumns().add(RunsTable.column("Median of earlier runs", 160, s -> s.earlierRuns() == 0 ? "–"
                : Formats.duration(s.medianOfEarlier()) + " (" + s.earlierRuns() + (s.earlierRuns() == 1 ? " run)" : " runs)")));
        steps.getColumns().add(RunsTable.column("vs median", 85, s -> Formats.delta(s.actual(), s.medianOfEarlier())));
    }

    private void showFailures(RunReport r) {
        failures.getChildren().clear();
        if (r.failures().isEmpty()) {
            failures.getChildren().add(muted("No check failed in this run."));
        }
        for (RunReport.Failure f : r.failures()) {
            LoggedEvent.ExpectationChecked e = f.check();
            Label head = new Label(e.stepId() + " on " + f.stored().targetHost() + ": " + e.expectation());
            head.getStyleClass().addAll("failure-title", "danger");
            Label detail = new Label("expected " + e.expected() + ", seen " + e.seen()
                    + "  ·  " + Formats.time(f.stored().ts()));
            detail.setWrapText(true);
            VBox card = new VBox(4, head, detail);
            if (!f.outputExcerpt().isBlank()) {
                TextArea output = new TextArea(f.outputExcerpt());
                output.setEditable(false);
                output.getStyleClass().add("output");
                output.setPrefRowCount(Math.min(12, (int) f.outputExcerpt().lines().count() + 1));
                card.getChildren().add(output);
            }
            card.getStyleClass().add("failure-card");
            failures.getChildren().add(card);
        }
    }

    private void showDowntime(RunReport r) {
        downtime.getChildren().clear();
        if (r.downtime().isEmpty()) {
            downtime.getChildren().add(muted("No monitor went down during this run."));
        }
        for (RunReport.Downtime d : r.downtime()) {
            Duration len = d.length(r.run().endedAt());
            downtime.getChildren().add(new Label(d.monitor() + " on " + d.host() + ": down at " + Formats.time(d.down())
                    + (d.up() == null ? ", still down at the end" : ", back at " + Formats.time(d.up()))
                    + " (" + Formats.duration(len) + ")"));
        }
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        return l;
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        return s;
    }

    private static Tab tab(String text, Node content) {
        return new Tab(text, content);
    }
}
