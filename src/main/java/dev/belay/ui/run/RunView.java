package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.engine.RunEvent;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunState;
import dev.belay.engine.StepState;
import dev.belay.engine.WindowStatus;
import dev.belay.ui.fx.Background;
import dev.belay.ui.fx.FxEvents;
import dev.belay.ui.fx.LayoutBoundary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * The view only shows: which step is in view and what can be done on it is the {@link RunPresenter}'s
 * rule, its results arrive through the {@link RunViewModel}. Engine events arrive in batches through
 * {@link FxEvents}; the state is re-read once per batch, off the FX thread.
 */
public final class RunView {

    static final long REFRESH_MS = 100;
    static final String HELP = "Ctrl+Enter run next/retry · Ctrl+Shift+C confirm · Ctrl+Shift+S skip · Ctrl+T type into "
            + "terminal · Esc leave the terminal · Alt+↓/Alt+↑ next/previous step · Ctrl+J back to the current step";

    private final FxEvents<RunEvent> events = new FxEvents<>(this::onBatch);
    private final RunViewModel model = new RunViewModel();
    private final RunPresenter presenter;
    private final BorderPane root = new BorderPane();
    private final Label badge = EnvironmentBadge.of("?");
    private final Label title = new Label("Starting the run…");
    private final Tooltip titleTip = new Tooltip(title.getText());
    private final Label modeChips = new Label();
    private final Label status = new Label();
    private final Label error = new Label();
    private final Button abort = new Button("Abort…", new FontIcon(Feather.OCTAGON));
    private final WindowClockView clock = new WindowClockView();
    private final MonitorStrip monitors = new MonitorStrip();
    private final ListView<StepState> steps = new ListView<>();
    private final FeedList feed = new FeedList();
    private final BorderPane middle = new BorderPane();
    private final SplitPane split = new SplitPane();
    private final EndPanel endPanel;
    private final HostOutputs outputs = new HostOutputs();
    // output lines fill the tails here, on the engine's listener thread; the rest goes to the FX thread
    private final java.util.function.Consumer<RunEvent> listener = e -> {
        if (outputs.take(e)) {
            requestRefresh();
        } else {
            events.accept(e);
        }
    };
    private TerminalTyping terminals;
    private final boolean ownTerminals;
    private final Timeline ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> requestRefresh()));
    // The engine's state() waits on the run's lock, which is held while an event is written to the
    // audit log: it is read here, off the FX thread, at most every REFRESH, and handed over as a snapshot.
    private final Background stateReader = Background.serial("belay-run-view-state");
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final FxEvents<Snapshot> snapshots = new FxEvents<>(this::onSnapshots);

    /** The run's state and window clock as read together off the FX thread. */
    private record Snapshot(RunState state, WindowStatus window) {
    }

    private volatile RunSession session; // read by requestRefresh on the listener thread too
    private StepPanel panel;
    private boolean selecting;
    private List<String> stepLooks = List.of();

    public RunView(TerminalTyping terminals) {
        this(terminals, null);
    }

    /** @param links where the end panel's links lead; null: they say History is in the main window */
    public RunView(TerminalTyping terminals, EndLinks links) {
        this.ownTerminals = terminals == null;
        this.terminals = terminals == null ? placeholderTerminals() : terminals;
        this.presenter = new RunPresenter(model, new Dialogs(), FxEvents.fxThread(), Instant::now);
        this.endPanel = new EndPanel(links == null ? noLinks() : new EndPanel.Links() {
            @Override
            public void history(String runId) {
                links.history(runId);
            }

            @Override
            public void export(String runId) {
                links.export(runId);
            }
        });
        root.getStyleClass().add("run-view");
        root.setId("run-view");
        root.setTop(header());
        // the step list and the feed change while hosts stream, at their fixed sizes: their layout
        // requests stop at a boundary instead of laying out the whole window
        root.setLeft(new LayoutBoundary(stepList()));
        split.setOrientation(Orientation.VERTICAL);
        split.setId("run-middle");
        middle.setTop(endPanel.node());
        middle.setCenter(new Label());
        layoutTerminals();
        root.setCenter(middle);
        root.setBottom(footer());
        ticker.setCycleCount(Timeline.INDEFINITE);
        // an invalidation listener: a change listener would compare the old and new screen in full
        // (every host's result) at every refresh
        model.screenProperty().addListener((javafx.beans.Observable o) -> render(model.screenProperty().get()));
        error.textProperty().bind(model.errorProperty());
    }

    /** Where the end panel's links lead: the main window's History page. */
    public interface EndLinks {
        void history(String runId);

        void export(String runId);
    }

    public Node node() {
        return root;
    }

    /** Receives the engine's events (any thread); give it to the engine as the run's listener. */
    public java.util.function.Consumer<RunEvent> listener() {
        return listener;
    }

    public RunSession session() {
        return session;
    }

    /** The run's commands and the rule for which step is in view; keyboard shortcuts and buttons call it. */
    RunPresenter presenter() {
        return presenter;
    }

    /** True while the run (as last read) can still move on. */
    public boolean runActive() {
        RunState s = presenter.state();
        return session != null && (s == null || !s.status().ended());
    }

    /** The run's terminals (a labelled placeholder until the run starts, and in a dry run). */
    TerminalTyping terminals() {
        return terminals;
    }

    /** Shows {@code session}; call on the FX thread once the run has started. */
    public void attach(RunSession session) {
        this.session = session;
        presenter.attach(session.controller(), session.plan());
        this.panel = new StepPanel(session.plan(), presenter, this::typeIntoTerminal);
        if (ownTerminals && session.audit() != null) {
            terminals = new RunTerminals(session);
        }
        terminals.opened().addListener((o, a, b) -> layoutTerminals());
        layoutTerminals();
        modeChips.setText(session.mode() == RunMode.DRY_RUN ? "DRY RUN · nothing is executed" : "");
        modeChips.setVisible(session.mode() == RunMode.DRY_RUN);
        requestRefresh();
        ticker.play();
    }

    /**
     * The step gets the whole middle until a terminal opens; then the terminals take the lower part.
     * Before that only their bar ("Open terminal on…") shows, under the step.
     */
    private void layoutTerminals() {
        Node step = panel == null ? new Label() : panel.node();
        Node area = terminals.node();
        if (terminals.opened().get()) {
            middle.setBottom(null);
            split.getItems().setAll(step, area);
            ((Region) area).setMinHeight(120);
            ((Region) step).setMinHeight(220);
            split.setDividerPositions(0.5);
            middle.setCenter(split);
        } else {
            split.getItems().clear();
            middle.setCenter(step);
            middle.setBottom(area);
        }
    }

    /** Whether {@code n} is inside the terminal area (Esc then leaves it). */
    boolean inTerminals(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (x == terminals.node()) {
                return true;
            }
        }
        return false;
    }

    /** Esc in a terminal: the keyboard goes back to the step (its shortcuts work from there). */
    void leaveTerminal() {
        Node target = panel == null ? steps : panel.node();
        target.requestFocus();
        if (!target.isFocused()) {
            steps.requestFocus();
        }
    }

    /** Shows why the run could not start. */
    public void failed(String message) {
        title.setText("The run did not start");
        model.error(message);
    }

    /** Stops the ticker and drops events still queued; the engine is closed by the owner of the session. */
    public void dispose() {
        ticker.stop();
        stateReader.close();
        snapshots.close();
        events.close();
        terminals.close();
    }

    private Node header() {
        title.setId("run-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setMinWidth(0);
        title.setTooltip(titleTip);
        badge.setId("env-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        modeChips.setId("mode-chip");
        modeChips.getStyleClass().addAll("status-chip", "dry-chip");
        modeChips.setVisible(false);
        status.setId("run-status");
        status.getStyleClass().add("run-status");
        status.setMinWidth(Region.USE_PREF_SIZE);
        abort.setId("btn-abort");
        abort.getStyleClass().addAll(Styles.DANGER, Styles.FLAT);
        abort.setMinWidth(Region.USE_PREF_SIZE);
        abort.setTooltip(new Tooltip("Stop the run; running commands are cancelled. A reason is required."));
        abort.setOnAction(e -> presenter.abort());
        HBox.setHgrow(title, Priority.ALWAYS);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox top = new HBox(12, badge, title, modeChips, status, abort);
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
        steps.setCellFactory(lv -> new StepCell(Instant::now, () -> presenter.state()));
        steps.setPrefWidth(340);
        steps.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!selecting && b != null) {
                presenter.select(b.id());
            }
        });
        return steps;
    }

    private Node footer() {
        Label help = new Label(HELP);
        help.setId("help-line");
        help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        VBox box = new VBox(4, new LayoutBoundary(feed.node()), help);
        box.setPadding(new Insets(4, 8, 6, 8));
        return box;
    }

    // ---- events

    private void onBatch(List<RunEvent> batch) {
        List<String> lines = new ArrayList<>();
        for (RunEvent e : batch) {
            if (e instanceof RunEvent.StepStarted s) {
                terminals.stepStarted(s.stepId(), s.title());
            }
            presenter.onEvent(e);
            String line = EventFeed.line(e);
            if (line != null) {
                lines.add(line);
            }
        }
        feed.add(lines);
        requestRefresh();
    }

    private void onSnapshots(List<Snapshot> batch) {
        feed.flush(); // the feed's new lines go in with the state, at most every REFRESH_MS
        Snapshot last = batch.get(batch.size() - 1);
        presenter.onState(last.state(), last.window());
    }

    /** Reads the state off the FX thread, once per REFRESH_MS at most, and hands it to the presenter. */
    private void requestRefresh() {
        if (session == null || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        RunSession s = session;
        if (!stateReader.later(java.time.Duration.ofMillis(REFRESH_MS), () -> {
            refreshPending.set(false);
            snapshots.accept(new Snapshot(s.controller().state(), s.controller().window()));
        })) {
            refreshPending.set(false); // the view is gone
        }
    }

    // ---- rendering: the view model's screen, as the presenter worked it out

    private void render(RunScreen screen) {
        if (screen == null) {
            return;
        }
        RunState state = screen.state();
        EnvironmentBadge.set(badge, state.environment());
        title.setText(state.title() + "  ·  " + state.operator() + (state.rehearsal() ? "  ·  rehearsal" : ""));
        titleTip.setText(title.getText()); // one tooltip, its text set: a new one every refresh is a new popup window
        status.setText(screen.status());
        abort.setVisible(!state.status().ended());
        updateSteps(state);
        select(screen.shown());
        if (panel != null) {
            panel.show(screen, outputs.byStep());
        }
        endPanel.show(screen.end());
        clock.show(screen.window(), state.status().ended());
        monitors.show(state.monitors(), Instant.now());
        if (state.status().ended()) {
            ticker.stop();
        }
    }

    /**
     * Sets a step in the list only when what its cell shows changed: a running step's state changes
     * with every host that finishes (10 times a second with 200 hosts), its cell only when its time
     * ticks on; each set makes the list lay out and the selection model look again.
     */
    private void updateSteps(RunState state) {
        List<StepState> now = state.steps();
        Instant at = Instant.now();
        List<String> looks = new ArrayList<>(now.size());
        for (StepState s : now) {
            looks.add(StepCell.shown(s, state, at));
        }
        selecting = true;
        try {
            if (steps.getItems().size() != now.size()) {
                steps.getItems().setAll(now);
            } else {
                for (int i = 0; i < now.size(); i++) {
                    if (i >= stepLooks.size() || !looks.get(i).equals(stepLooks.get(i))) {
                        steps.getItems().set(i, now.get(i));
                    }
                }
            }
            stepLooks = looks;
        } finally {
            selecting = false;
        }
    }

    private void select(StepState shown) {
        if (shown == null) {
            return;
        }
        selecting = true;
        try {
            int i = stepIndex(shown.id());
            if (i >= 0 && steps.getSelectionModel().getSelectedIndex() != i) {
                steps.getSelectionModel().select(i);
                steps.scrollTo(Math.max(0, i - 3));
            }
        } finally {
            selecting = false;
        }
    }

    /** The step's place in the list (its entry may be an older state of it: see updateSteps). */
    private int stepIndex(String stepId) {
        List<StepState> items = steps.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    // ---- keyboard: each shortcut calls a command, never a button

    /** Ctrl+Enter: run the next step, or retry the failed one (works with a terminal focused too). */
    public void runNext() {
        presenter.runNext();
    }

    /** Ctrl+Shift+C: confirm the step in view, with the note typed so far. */
    public void confirmShown() {
        presenter.onShown(StepChoices.Kind.CONFIRM, id -> presenter.confirm(id, panel == null ? null : panel.note()));
    }

    /** Ctrl+Shift+S: skip the step in view (asks for a reason). */
    public void skipShown() {
        presenter.onShown(StepChoices.Kind.SKIP, presenter::skip);
    }

    /** Ctrl+T: type the step's command into its host's terminal. */
    public void typeShownIntoTerminal() {
        presenter.onShown(StepChoices.Kind.TERMINAL, this::typeIntoTerminal);
    }

    /** Alt+Down / Alt+Up: look at the next or previous step (the view stops following the engine). */
    public void move(int delta) {
        presenter.move(delta);
    }

    /** Ctrl+J: back to the step the engine is on. */
    public void followActive() {
        presenter.followActive();
    }

    private void typeIntoTerminal(String stepId) {
        RunState state = presenter.state();
        StepState s = state == null ? null : state.step(stepId).orElse(null);
        if (s == null || s.terminalHost() == null) {
            model.error("Step '" + stepId + "' has no terminal host yet; wait for it to start.");
            return;
        }
        var c = session.controller();
        stateReader.supply(() -> c.terminalCommand(stepId))
                .thenComposeAsync(command -> terminals.typeInto(s.terminalHost(), command), FxEvents.fxThread())
                .whenCompleteAsync((v, e) -> model.error(e == null ? ""
                        : "Could not type into " + s.terminalHost() + "'s terminal: " + rootMessage(e)), FxEvents.fxThread());
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    static String rootMessage(Throwable e) {
        return RunPresenter.rootMessage(e);
    }

    /** The presenter's questions, as dialogs over this window. */
    private final class Dialogs implements RunPresenter.Questions {
        @Override
        public Optional<String> reason(String title, String header, String ok) {
            return ReasonDialog.ask(window(), title, header, ok);
        }

        @Override
        public Optional<RunPresenter.Resolved> resolution(String stepId, String host) {
            return ReasonDialog.resolution(window(), stepId, host);
        }

        @Override
        public Optional<dev.belay.ui.approval.Approval> approval(dev.belay.engine.ApprovalState waiting) {
            return dev.belay.ui.approval.ApprovalDialog.ask(window(), waiting,
                    dev.belay.ui.approval.ApprovalDialog.next(waiting));
        }
    }

    private EndPanel.Links noLinks() {
        return new EndPanel.Links() {
            @Override
            public void history(String runId) {
                model.error("History is a tab of Belay's main window; run " + runId + " is listed there.");
            }

            @Override
            public void export(String runId) {
                model.error("Export the report from History in Belay's main window (run " + runId + "), or: belay audit export "
                        + runId);
            }
        };
    }

    /** Before the run starts, and in a dry run: a labelled line, and typing fails with a message that says so. */
    private static TerminalTyping placeholderTerminals() {
        Label l = new Label("Live terminals open here, one tab per host, once the run has started. "
                + "A dry run opens none: a terminal step's command is shown above.");
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_MUTED);
        l.setId("terminal-placeholder");
        VBox box = new VBox(l);
        box.setPadding(new Insets(6, 12, 6, 12));
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
