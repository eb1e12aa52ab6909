package dev.belay.ui.terminal;

import dev.belay.ui.fx.Background;

import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.auth.SshTarget;
import dev.belay.ui.fx.FxEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;

/**
 * One terminal tab per host, with optional broadcast: when on, what is typed into any selected
 * host's tab goes to every selected host. Use from the FX thread; {@link #close()} when done.
 */
public final class TerminalTabs {

    /** The style class of a tab whose last broadcast output differs from the majority's. */
    public static final String DIVERGENT = "divergent";

    private final SshPool pool;
    private final TerminalAudit audit;
    private final Background io = Background.elastic("terminal-io");
    // Read by JediTerm's writer threads when the operator types, hence concurrent and volatile.
    private final Map<String, TerminalPane> panes = new ConcurrentHashMap<>();
    private final Set<String> checked = ConcurrentHashMap.newKeySet();
    // Hosts in tab order, for the writer threads: a broadcast's outputs are compared in this order.
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean broadcasting;
    /** The label of the step under way: a terminal opened later starts its recording with it. */
    private volatile String currentStep;
    private final Map<String, CheckBox> targets = new LinkedHashMap<>();
    private final TabPane tabs = new TabPane();
    private final ToggleButton broadcast = new ToggleButton("Broadcast");
    private final HBox targetBoxes = new HBox(10);
    private final Label status = new Label();
    private final javafx.scene.control.Button differences = new javafx.scene.control.Button("Differences…");
    private volatile BroadcastCapture capture;
    private Divergence.Result lastDivergence;
    private Stage differencesStage;
    private final BorderPane root = new BorderPane();

    public TerminalTabs(SshPool pool, TerminalAudit audit) {
        this.pool = pool;
        this.audit = audit;
        tabs.setId("terminal-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        broadcast.setId("broadcast");
        broadcast.setTooltip(new Tooltip("Type once into every checked host's terminal"));
        targetBoxes.setAlignment(Pos.CENTER_LEFT);
        targetBoxes.visibleProperty().bind(broadcast.selectedProperty());
        broadcast.selectedProperty().addListener((o, was, on) -> broadcasting = on);
        status.getStyleClass().add("terminal-status");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        differences.setId("divergence-show");
        differences.setTooltip(new Tooltip("The lines where hosts differ from the majority, side by side"));
        differences.setVisible(false);
        differences.managedProperty().bind(differences.visibleProperty());
        differences.setOnAction(e -> showDifferences());
        HBox bar = new HBox(12, broadcast, targetBoxes, spacer, status, differences);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 10, 6, 10));
        bar.getStyleClass().add("terminal-bar");
        root.getStyleClass().add("terminal-tabs");
        root.getStylesheets().add(TerminalTabs.class.getResource("terminal.css").toExternalForm());
        root.setTop(bar);
        root.setCenter(tabs);
    }

    public Node node() {
        return root;
    }

    /** True while at least one terminal tab is open (the run view keeps the terminal area folded until then). */
    public javafx.beans.binding.BooleanBinding anyOpen() {
        return javafx.beans.binding.Bindings.isNotEmpty(tabs.getTabs());
    }

    /** Opens (or shows) the terminal tab of {@code host}; completes when its shell is open. */
    public CompletableFuture<TerminalPane> open(String host, SshTarget target) {
        TerminalPane existing = panes.get(host);
        if (existing != null) {
            select(host);
            return existing.whenOpen();
        }
        TerminalPane pane = new TerminalPane(host, io.executor());
        panes.put(host, pane);
        order.add(host);
        pane.routeTypingTo(bytes -> typed(host, bytes));
        Tab tab = new Tab(host + " …", pane.node());
        tab.setId("terminal-" + host);
        tab.setOnClosed(e -> forget(host));
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        CheckBox box = new CheckBox(host);
        box.setId("broadcast-" + host);
        box.selectedProperty().addListener((o, was, on) -> {
            if (on) {
                checked.add(host);
            } else {
                checked.remove(host);
            }
        });
        box.setSelected(true);
        targets.put(host, box);
        targetBoxes.getChildren().add(box);
        CompletableFuture<TerminalPane> ready = pane.open(pool, target, audit, () -> currentStep);
        ready.whenCompleteAsync((p, error) -> {
            tab.setText(host);
            status.setText(error == null ? "" : rootMessage(error));
        }, FxEvents.fxThread());
        pane.whenClosed().whenCompleteAsync((v, e) -> tab.setText(host + " (ended)"), FxEvents.fxThread());
        return ready;
    }

    /** Types {@code command} and Enter into {@code host}'s terminal: what a {@code terminal:} step does. */
    public CompletableFuture<Void> typeInto(String host, String command) {
        TerminalPane pane = panes.get(host);
        if (pane == null) {
            return CompletableFuture.failedFuture(new TerminalException(
                    "No terminal is open on " + host + "; open it first (hosts open: " + panes.keySet() + ")"));
        }
        return pane.type(command);
    }

    /**
     * A step started: every open terminal's recording gets a marker (an asciicast "m" event) with
     * {@code label}, written on its own recorder thread, so a replay can list and jump to the steps.
     */
    public void markStep(String label) {
        currentStep = label;
        panes.values().forEach(p -> p.marker(label));
    }

    public Optional<TerminalPane> terminal(String host) {
        return Optional.ofNullable(panes.get(host));
    }

    public void select(String host) {
        tabs.getTabs().stream().filter(t -> ("terminal-" + host).equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    public BooleanProperty broadcastProperty() {
        return broadcast.selectedProperty();
    }

    /** Which hosts a broadcast reaches (all open hosts are checked at first). */
    public void setBroadcastTargets(Set<String> hosts) {
        targets.forEach((h, box) -> box.setSelected(hosts.contains(h)));
    }

    /** Runs on JediTerm's writer thread: sends keystrokes to one host, or to all checked ones. */
    private void typed(String host, byte[] bytes) {
        List<TerminalPane> to = new ArrayList<>();
        if (broadcasting && checked.contains(host)) {
            for (String h : order) {
                TerminalPane p = panes.get(h);
                if (p != null && checked.contains(h)) {
                    to.add(p);
                }
            }
        } else {
            Optional.ofNullable(panes.get(host)).ifPresent(to::add);
        }
        sendAll(to, bytes);
    }

    /** Sends to several hosts; an Enter among them makes it a broadcast command whose outputs are compared. */
    private void sendAll(List<TerminalPane> to, byte[] bytes) {
        if (to.size() > 1 && containsEnter(bytes)) {
            listen(to); // before sending: the first output must not be missed
        }
        to.forEach(p -> p.send(bytes));
    }

    /**
     * Types {@code command} and Enter into every checked host's terminal, as a broadcast typed by the
     * operator would (its outputs are compared and the odd hosts marked).
     */
    public void broadcastCommand(String command) {
        byte[] bytes = (command + "\r").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<TerminalPane> to = new ArrayList<>();
        for (String h : order) {
            TerminalPane p = panes.get(h);
            if (p != null && checked.contains(h)) {
                to.add(p);
            }
        }
        io.execute(() -> sendAll(to, bytes));
    }

    private static boolean containsEnter(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\r' || b == '\n') {
                return true;
            }
        }
        return false;
    }

    /** A broadcast command was entered: capture each host's output from now until they go quiet. */
    private void listen(List<TerminalPane> to) {
        BroadcastCapture c = new BroadcastCapture(to.stream().map(TerminalPane::host).toList());
        capture = c;
        panes.values().forEach(p -> p.tapOutput(null));
        to.forEach(p -> p.tapOutput(text -> c.output(p.host(), text)));
        FxEvents.fxThread().execute(this::clearMarks);
        io.later(BroadcastCapture.QUIET, () -> settle(c));
    }

    /** On an io thread: once quiet, compares the outputs and marks the odd hosts. */
    private void settle(BroadcastCapture c) {
        if (capture != c) {
            return; // a newer broadcast took over
        }
        if (!c.settled()) {
            io.later(java.time.Duration.ofMillis(150), () -> settle(c));
            return;
        }
        c.hosts().forEach(h -> Optional.ofNullable(panes.get(h)).ifPresent(p -> p.tapOutput(null)));
        Divergence.Result result = Divergence.of(c.commandOutputs());
        FxEvents.fxThread().execute(() -> {
            if (capture == c) {
                mark(result);
            }
        });
    }

    private void mark(Divergence.Result result) {
        clearMarks();
        lastDivergence = result;
        for (Divergence.HostDivergence d : result.divergent()) {
            tab(d.host()).ifPresent(t -> {
                t.getStyleClass().add(DIVERGENT);
                t.setText(d.host() + "  \u2260 " + d.changedLines() + (d.changedLines() == 1 ? " line" : " lines"));
                t.setTooltip(new Tooltip(d.host() + " " + d.summary()));
            });
        }
        if (result.allAgree()) {
            status.setText("All " + result.majorityHosts().size() + " hosts printed the same");
        } else {
            status.setText(result.divergent().size() + " of "
                    + (result.majorityHosts().size() + result.divergent().size()) + " hosts differ from the majority");
        }
        differences.setVisible(!result.allAgree());
        if (differencesStage != null && differencesStage.isShowing()) {
            showDifferences();
        }
    }

    private void clearMarks() {
        lastDivergence = null;
        differences.setVisible(false);
        for (Tab t : tabs.getTabs()) {
            if (t.getStyleClass().remove(DIVERGENT)) {
                String host = t.getId().substring("terminal-".length());
                boolean ended = Optional.ofNullable(panes.get(host)).map(p -> p.whenClosed().isDone()).orElse(false);
                t.setText(ended ? host + " (ended)" : host);
                t.setTooltip(null);
            }
        }
    }

    /** The last broadcast's divergence, empty while none was computed since the latest broadcast. */
    public Optional<Divergence.Result> divergence() {
        return Optional.ofNullable(lastDivergence);
    }

    /** Opens (or refreshes) the side-by-side window of the differing lines. */
    public void showDifferences() {
        if (lastDivergence == null || lastDivergence.allAgree()) {
            return;
        }
        if (differencesStage == null) {
            differencesStage = new Stage();
            differencesStage.setTitle("Broadcast: hosts that differ from the majority");
            if (root.getScene() != null && root.getScene().getWindow() != null) {
                differencesStage.initOwner(root.getScene().getWindow());
            }
        }
        javafx.scene.Parent view = (javafx.scene.Parent) DivergenceView.of(lastDivergence);
        differencesStage.setScene(new javafx.scene.Scene(view));
        differencesStage.setMinWidth(560);
        differencesStage.setMaxHeight(720);
        differencesStage.sizeToScene();
        differencesStage.show();
        differencesStage.toFront();
    }

    private Optional<Tab> tab(String host) {
        return tabs.getTabs().stream().filter(t -> ("terminal-" + host).equals(t.getId())).findFirst();
    }

    /**
     * Closes {@code host}'s terminal as its tab's close button does (on the FX thread); completes when
     * its session is sealed in the audit log, at once if it has none.
     */
    public CompletableFuture<Void> close(String host) {
        tab(host).ifPresent(t -> tabs.getTabs().remove(t));
        return forget(host);
    }

    private CompletableFuture<Void> forget(String host) {
        TerminalPane pane = panes.remove(host);
        order.remove(host);
        CheckBox box = targets.remove(host);
        checked.remove(host);
        targetBoxes.getChildren().remove(box);
        return pane != null ? pane.close() : CompletableFuture.completedFuture(null);
    }

    /** Closes every terminal; completes when all sessions are sealed in the audit log. */
    public CompletableFuture<Void> close() {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        new ArrayList<>(panes.keySet()).forEach(h -> all.add(panes.get(h).close()));
        panes.clear();
        order.clear();
        tabs.getTabs().clear();
        if (differencesStage != null) {
            differencesStage.close();
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> io.close());
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && !(t instanceof TerminalException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
