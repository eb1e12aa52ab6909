package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.engine.Phase;
import dev.belay.engine.RunController;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunState;
import dev.belay.engine.StepState;
import dev.belay.engine.StepStatus;
import dev.belay.engine.WindowStatus;
import dev.belay.ui.fx.FxEvents;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The run as the operator walks it: the step list on the left, the current step in the middle,
 * and always in sight the environment, the window clock, the monitors and the audit event feed.
 * Engine events arrive in batches through {@link FxEvents}; the view re-reads the run's state once
 * per batch, and keeps only the tail of each host's output.
 */
public final class RunView implements StepPanel.Actions {

    static final int FEED_MAX = 1000;
    static final long REFRESH_MS = 100;
    static final String HELP = "Ctrl+Enter run/retry · Ctrl+Shift+C confirm · Ctrl+Shift+S skip · Ctrl+T type into "
            + "terminal · Alt+↓/Alt+↑ next/previous step · Ctrl+J back to the current step";

    private final FxEvents<RunEvent> events = new FxEvents<>(this::onBatch);
    private final BorderPane root = new BorderPane();
    private final Label badge = EnvironmentBadge.of("?");
    private final Label title = new Label("Starting the run…");
    private final Label modeChips = new Label();
    private final Label status = new Label();
    private final Label error = new Label();
    private final Button abort = new Button("Abort…", new FontIcon(Feather.OCTAGON));
    private final WindowClockView clock = new WindowClockView();
    private final MonitorStrip monitors = new MonitorStrip();
    private final ListView<StepState> steps = new ListView<>();
    private final ListView<String> feed = new ListView<>();
    private final Map<String, Map<String, OutputTail>> outputs = new HashMap<>();
    private TerminalTyping terminals;
    private final boolean ownTerminals;
    private final Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> requestRefresh()));
    // The engine's state() waits on the run's lock, which is held while an event is written to the
    // audit log: it is read here, off the FX thread, at most every REFRESH, and handed over as a snapshot.
    private final java.util.concurrent.ScheduledExecutorService stateReader =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "belay-run-view-state");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean refreshPending = new java.util.concurrent.atomic.AtomicBoolean();
    private final FxEvents<Snapshot> snapshots = new FxEvents<>(list -> refresh(list.get(list.size() - 1)));
    private WindowStatus window;

    /** The run's state and window clock as read together off the FX thread. */
    private record Snapshot(RunState state, WindowStatus window) {
    }
    private RunSession session;
    private StepPanel panel;
    private RunState state;
    private String shownId;
    private String lastActive;
    private boolean follow = true;
    private boolean selecting;

    public RunView(TerminalTyping terminals) {
        this.ownTerminals = terminals == null;
        this.terminals = terminals == null ? placeholderTerminals() : terminals;
        root.getStyleClass().add("run-view");
        root.setId("run-view");
        root.setTop(header());
        root.setLeft(stepList());
        SplitPane middle = new SplitPane(new Label(), this.terminals.node());
        middle.setOrientation(Orientation.VERTICAL);
        middle.setDividerPositions(0.62);
        middle.setId("run-middle");
        root.setCenter(middle);
        root.setBottom(footer());
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    public Node node() {
        return root;
    }

    /** Receives the engine's events (any thread); give it to the engine as the run's listener. */
    public FxEvents<RunEvent> listener() {
        return events;
    }

    public RunSession session() {
        return session;
    }

    /** True while the run (as last read) can still move on. */
    public boolean runActive() {
        return session != null && (state == null || !state.status().ended());
    }

    /** The run's terminals (a labelled placeholder until the run starts, and in a dry run). */
    TerminalTyping terminals() {
        return terminals;
    }

    /** Shows {@code session}; call on the FX thread once the run has started. */
    public void attach(RunSession session) {
        this.session = session;
        this.panel = new StepPanel(session.plan(), this);
        ((SplitPane) root.getCenter()).getItems().set(0, panel.node());
        if (ownTerminals && session.audit() != null) {
            terminals = new RunTerminals(session);
            ((SplitPane) root.getCenter()).getItems().set(1, terminals.node());
        }
        fitTerminalArea();
        modeChips.setText(session.mode() == RunMode.DRY_RUN ? "DRY RUN · nothing is executed" : "");
        modeChips.setVisible(session.mode() == RunMode.DRY_RUN);
        requestRefresh();
        ticker.play();
    }

    /** The terminals get what the step panel leaves; they must not push the panel's buttons away. */
    private void fitTerminalArea() {
        javafx.scene.layout.Region area = (javafx.scene.layout.Region) terminals.node();
        area.setMinHeight(120);
        area.setPrefHeight(260);
        ((javafx.scene.layout.Region) panel.node()).setMinHeight(220);
        ((SplitPane) root.getCenter()).setDividerPositions(0.55);
    }

    /** Shows why the run could not start. */
    public void failed(String message) {
        title.setText("The run did not start");
        error.setText(message);
    }

    /** Stops the ticker and drops events still queued; the engine is closed by the owner of the session. */
    public void dispose() {
        ticker.stop();
        stateReader.shutdownNow();
        snapshots.close();
        events.close();
        terminals.close();
    }

    private Node header() {
        title.setId("run-title");
        title.getStyleClass().add(Styles.TITLE_4);
        badge.setId("env-badge");
        modeChips.setId("mode-chip");
        modeChips.getStyleClass().addAll("status-chip", "dry-chip");
        modeChips.setVisible(false);
        status.setId("run-status");
        status.getStyleClass().add("run-status");
        abort.setId("btn-abort");
        abort.getStyleClass().addAll(Styles.DANGER, Styles.FLAT);
        abort.setTooltip(new Tooltip("Stop the run; running commands are cancelled. A reason is required."));
        abort.setOnAction(e -> abort());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(12, badge, title, modeChips, grow, status, abort);
        top.setAlignment(Pos.CENTER_LEFT);
        Region grow2 = new Region();
        HBox.setHgrow(grow2, Priority.ALWAYS);
        HBox second = new HBox(16, clock.node(), grow2, monitors.node());
        second.setAlignment(Pos.CENTER_LEFT);
        error.setId("run-error");
        error.getStyleClass().add("run-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        VBox box = new VBox(8, top, second, error);
        box.setPadding(new Insets(10, 16, 10, 16));
        box.getStyleClass().add("run-header");
        return box;
    }

    private Node stepList() {
        steps.setId("run-steps");
        steps.setCellFactory(lv -> new StepCell(this::now));
        steps.setPrefWidth(360);
        steps.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!selecting && b != null) {
                follow = b.id().equals(lastActive);
                show(b.id());
            }
        });
        return steps;
    }

    private Node footer() {
        feed.setId("event-feed");
        feed.setPrefHeight(120);
        feed.setFixedCellSize(20);
        feed.getStyleClass().add("event-feed");
        Label help = new Label(HELP);
        help.setId("help-line");
        help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox box = new VBox(4, feed, help);
        box.setPadding(new Insets(4, 8, 6, 8));
        return box;
    }

    // ---- events

    private void onBatch(List<RunEvent> batch) {
        List<String> lines = new java.util.ArrayList<>();
        for (RunEvent e : batch) {
            output(e);
            String line = EventFeed.line(e);
            if (line != null) {
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            feed.getItems().addAll(lines);
            int over = feed.getItems().size() - FEED_MAX;
            if (over > 0) {
                feed.getItems().remove(0, over);
            }
            feed.scrollTo(feed.getItems().size() - 1);
        }
        requestRefresh();
    }

    /** Reads the state off the FX thread, once per REFRESH_MS at most, and hands it to {@link #refresh}. */
    private void requestRefresh() {
        if (session == null || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        RunSession s = session;
        try {
            stateReader.schedule(() -> {
                refreshPending.set(false);
                snapshots.accept(new Snapshot(s.controller().state(), s.controller().window()));
            }, REFRESH_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            refreshPending.set(false); // the view is gone
        }
    }

    private void output(RunEvent e) {
        if (e instanceof RunEvent.OutputLine o) {
            tail(o.stepId(), o.host()).append(o.line());
        } else if (e instanceof RunEvent.CommandStarted c && "step".equals(c.purpose())) {
            tail(c.stepId(), c.host()).replace("");
        } else if (e instanceof RunEvent.CommandFinished c && "step".equals(c.purpose())) {
            tail(c.stepId(), c.host()).replace(c.output());
        }
    }

    private OutputTail tail(String stepId, String host) {
        return outputs.computeIfAbsent(stepId, k -> new HashMap<>()).computeIfAbsent(host, k -> new OutputTail());
    }

    // ---- rendering

    private void refresh(Snapshot snapshot) {
        state = snapshot.state();
        window = snapshot.window();
        EnvironmentBadge.set(badge, state.environment());
        title.setText(state.title() + "  ·  " + state.operator() + (state.rehearsal() ? "  ·  rehearsal" : ""));
        status.setText(statusText(state));
        abort.setVisible(!state.status().ended());
        String active = activeStep(state);
        if (active != null && !active.equals(lastActive)) {
            lastActive = active;
            follow = true;
        }
        updateSteps();
        show(follow && active != null ? active : shownId != null ? shownId : active);
        tick();
        if (state.status().ended()) {
            ticker.stop();
        }
    }

    private void updateSteps() {
        List<StepState> now = state.steps();
        selecting = true;
        try {
            if (steps.getItems().size() != now.size()) {
                steps.getItems().setAll(now);
            } else {
                for (int i = 0; i < now.size(); i++) {
                    if (!now.get(i).equals(steps.getItems().get(i))) {
                        steps.getItems().set(i, now.get(i));
                    }
                }
            }
        } finally {
            selecting = false;
        }
    }

    private void show(String stepId) {
        if (stepId == null || state == null) {
            return;
        }
        StepState s = state.step(stepId).orElse(null);
        if (s == null) {
            return;
        }
        shownId = stepId;
        selecting = true;
        try {
            int i = state.steps().indexOf(s);
            if (steps.getSelectionModel().getSelectedIndex() != i) {
                steps.getSelectionModel().select(i);
                steps.scrollTo(Math.max(0, i - 3));
            }
        } finally {
            selecting = false;
        }
        panel.show(s, state, outputs);
    }

    private void tick() {
        if (session == null || state == null) {
            return;
        }
        clock.show(window, state.status().ended());
        monitors.show(state.monitors(), now());
        for (int i = 0; i < steps.getItems().size(); i++) {
            if (steps.getItems().get(i).status() == StepStatus.RUNNING) {
                selecting = true;
                try {
                    steps.getItems().set(i, steps.getItems().get(i));
                } finally {
                    selecting = false;
                }
            }
        }
    }

    /**
     * The step to show: the one the engine asks about, else the one running, else the last started.
     * When the engine only waits for Run on the next step, the step that just finished stays in
     * view (its output and checks are what the operator reads); the panel offers the next one.
     */
    static String activeStep(RunState s) {
        String last = null;
        String running = null;
        for (StepState st : s.steps()) {
            if (st.status() == StepStatus.RUNNING) {
                running = st.id();
            }
            if (st.finishedAt() != null && (last == null || !st.finishedAt().isBefore(
                    s.step(last).map(StepState::finishedAt).orElse(st.finishedAt())))) {
                last = st.id();
            }
        }
        if (running != null) {
            return running;
        }
        if (s.awaiting() != null && s.awaiting().stepId() != null) {
            boolean readyOnly = s.step(s.awaiting().stepId()).map(x -> x.status() == StepStatus.PENDING).orElse(false)
                    && s.awaiting().options().contains(dev.belay.engine.Option.RUN);
            return readyOnly && last != null ? last : s.awaiting().stepId();
        }
        return last;
    }

    private static String statusText(RunState s) {
        return switch (s.status()) {
            case NOT_STARTED -> "starting";
            case RUNNING -> s.rollbackStarted() ? "rolling back" : "running";
            case WAITING_FOR_OPERATOR -> "waiting for you";
            case COMPLETED -> "completed";
            case ROLLED_BACK -> "rolled back";
            case ABORTED -> "aborted";
        };
    }

    private Instant now() {
        return Instant.now();
    }

    // ---- keyboard

    /** Ctrl+Enter: run the step, or retry it when it failed. */
    public void runOrRetry() {
        if (panel != null && !panel.fire("btn-run")) {
            panel.fire("btn-retry");
        }
    }

    public void fireConfirm() {
        if (panel != null) {
            panel.fire("btn-confirm");
        }
    }

    public void fireSkip() {
        if (panel != null) {
            panel.fire("btn-skip");
        }
    }

    public void fireTerminal() {
        if (panel != null) {
            panel.fire("btn-terminal");
        }
    }

    /** Alt+Down / Alt+Up: look at the next or previous step (the view stops following the engine). */
    public void move(int delta) {
        if (state == null || state.steps().isEmpty()) {
            return;
        }
        int i = shownId == null ? 0 : state.steps().indexOf(state.step(shownId).orElse(state.steps().get(0)));
        int next = Math.max(0, Math.min(state.steps().size() - 1, i + delta));
        follow = state.steps().get(next).id().equals(lastActive);
        show(state.steps().get(next).id());
    }

    /** Ctrl+J: back to the step the engine is on. */
    public void followActive() {
        follow = true;
        if (lastActive != null) {
            show(lastActive);
        }
    }

    // ---- actions (StepPanel.Actions): engine commands never block; failures show in the header

    @Override
    public void run(String stepId) {
        if (NoReturnPrompt.handle(window(), state, stepId, (id, a) -> send(c -> c.approve(id, a.approver(),
                a.typedEnvironment(), a.note())))) {
            return;
        }
        send(c -> c.run(stepId));
    }

    @Override
    public void confirm(String stepId, String note) {
        send(c -> c.confirm(stepId, note == null || note.isBlank() ? null : note.strip()));
    }

    @Override
    public void skip(String stepId) {
        ReasonDialog.ask(window(), "Skip a step", "Skip '" + stepId + "'?", "Skip")
                .ifPresent(r -> send(c -> c.skip(stepId, r)));
    }

    @Override
    public void retry(String stepId) {
        send(c -> c.retry(stepId));
    }

    @Override
    public void rollback() {
        ReasonDialog.ask(window(), "Roll back", "Run the rollback steps now?", "Roll back")
                .ifPresent(r -> send(c -> c.startRollback(r)));
    }

    @Override
    public void overridePreflight() {
        ReasonDialog.ask(window(), "Override the preflight", "Go on although preflight checks failed?", "Override")
                .ifPresent(r -> send(c -> c.overridePreflight(r)));
    }

    @Override
    public void resolve(String stepId, String host) {
        ReasonDialog.resolution(window(), stepId, host)
                .ifPresent(r -> send(c -> c.resolveUnknown(stepId, host, r, "decided in the run view")));
    }

    @Override
    public void typeIntoTerminal(String stepId) {
        StepState s = state == null ? null : state.step(stepId).orElse(null);
        if (s == null || s.terminalHost() == null) {
            error.setText("Step '" + stepId + "' has no terminal host yet; wait for it to start.");
            return;
        }
        RunController c = session.controller();
        CompletableFuture.supplyAsync(() -> c.terminalCommand(stepId), stateReader)
                .thenComposeAsync(command -> terminals.typeInto(s.terminalHost(), command), FxEvents.fxThread())
                .whenCompleteAsync((v, e) -> error.setText(e == null ? ""
                        : "Could not type into " + s.terminalHost() + "'s terminal: " + rootMessage(e)), FxEvents.fxThread());
    }

    private void abort() {
        ReasonDialog.ask(window(), "Abort the run", "Stop the run? Running commands are cancelled.", "Abort run")
                .ifPresent(r -> send(c -> c.abort(r)));
    }

    private void send(Function<RunController, CompletableFuture<Void>> command) {
        if (session == null) {
            return;
        }
        error.setText("");
        command.apply(session.controller()).whenCompleteAsync((v, e) -> {
            if (e != null) {
                error.setText(rootMessage(e));
            }
        }, FxEvents.fxThread());
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** Before the run starts, and in a dry run: a labelled area, and typing fails with a message that says so. */
    private static TerminalTyping placeholderTerminals() {
        Label l = new Label("Live terminals show here, one tab per host, once the run has started. "
                + "A dry run opens none: a terminal step's command is shown above.");
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_MUTED);
        l.setId("terminal-placeholder");
        VBox box = new VBox(l);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("terminal-area");
        return new TerminalTyping() {
            @Override
            public Node node() {
                return box;
            }

            @Override
            public CompletableFuture<Void> typeInto(String host, String command) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "no live terminals in a dry run; the command is shown above"));
            }
        };
    }
}
