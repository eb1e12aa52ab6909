package dev.belay.ui.lab;

import dev.belay.lab.Fault;
import dev.belay.lab.FaultKind;
import dev.belay.lab.LabHost;
import dev.belay.lab.PracticeLab;
import dev.belay.lab.play.ComponentStatus;
import dev.belay.ui.fx.Background;
import dev.belay.ui.fx.FxEvents;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The practice lab during a run: each host with its components and versions as the played cluster
 * knows them, the faults active now, a fault to inject live, and Reset lab. Reads the lab every two
 * seconds; the reads and the reset, which rewrites the host roots, run off the FX thread.
 */
public final class LabPanel {

    private final PracticeLab lab;
    private final VBox hosts = new VBox(8);
    private final Label faults = new Label();
    private final Label status = new Label();
    private final ComboBox<FaultKind> kind = new ComboBox<>();
    private final ComboBox<String> host = new ComboBox<>();
    private final TextField name = new TextField();
    private final VBox node;
    private final Timeline refresh;
    private final Background reads = Background.serial("lab-panel-reads");
    /** FX thread only: a read is out; another show() came while it was. */
    private boolean reading;
    private boolean readAgain;

    public LabPanel(PracticeLab lab) {
        this.lab = lab;
        kind.getItems().setAll(FaultKind.values());
        kind.setId("lab-fault-kind");
        kind.getSelectionModel().select(FaultKind.SLOW);
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(FaultKind k) {
                return k == null ? "" : k.id();
            }

            @Override
            public FaultKind fromString(String s) {
                return FaultKind.byId(s).orElse(null);
            }
        });
        host.getItems().setAll(lab.hosts().stream().map(LabHost::name).toList());
        host.getSelectionModel().selectFirst();
        host.disableProperty().bind(kind.valueProperty().isEqualTo(FaultKind.CEPH_SLOW_RECOVERY)
                .or(kind.valueProperty().isEqualTo(FaultKind.GALERA_NO_SAFE_BOOTSTRAP)));
        name.setPromptText("container");
        name.setPrefColumnCount(8);
        name.visibleProperty().bind(kind.valueProperty().isEqualTo(FaultKind.CONTAINER_EXITS));
        name.managedProperty().bind(name.visibleProperty());
        Button inject = new Button("Inject");
        inject.setId("lab-inject");
        inject.setOnAction(e -> inject());
        Button reset = new Button("Reset lab");
        reset.setId("lab-reset");
        reset.setOnAction(e -> reset(reset));
        faults.setId("lab-faults-active");
        faults.setWrapText(true);
        Label title = new Label("Practice lab · " + lab.hosts().size() + " hosts on " + PracticeLab.ADDRESS + ":" + lab.port());
        title.getStyleClass().add("lab-title");
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.15em;");
        ScrollPane scroll = new ScrollPane(hosts);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(320);
        node = new VBox(10, title, scroll, faults, new HBox(8, kind, host, name, inject), new HBox(8, reset, status));
        node.setPadding(new Insets(12));
        node.setId("lab-panel");
        refresh = new Timeline(new KeyFrame(Duration.seconds(2), e -> show()));
        refresh.setCycleCount(Timeline.INDEFINITE);
        show();
        refresh.play();
    }

    public Node node() {
        return node;
    }

    /** Stops the periodic refresh (the window is gone). */
    public void close() {
        refresh.stop();
        reads.close();
    }

    /**
     * Reads the lab off the FX thread and shows it: asking a lab host whether it is up fires the lab's
     * due events (a reboot's power-off, its boot), which drop SSH connections and write host files, and
     * may wait for one another thread is firing. A call while a read is out asks for one more after it.
     */
    public void show() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        reads.supply(this::read).whenCompleteAsync((view, e) -> {
            reading = false;
            if (e == null) {
                render(view);
            } else {
                status.setText("cannot read the lab: " + e.getMessage());
            }
            if (readAgain) {
                readAgain = false;
                show();
            }
        }, FxEvents.fxThread());
    }

    /** One host as the panel shows it. */
    private record HostView(String name, boolean up, String roles, List<ComponentStatus> parts) {
    }

    /** What one read of the lab found. */
    private record LabView(List<HostView> hosts, List<Fault> faults) {
    }

    private LabView read() {
        List<HostView> views = lab.hosts().stream()
                .map(h -> new HostView(h.name(), lab.isUp(h.name()), roles(h.name()), lab.describe(h.name())))
                .toList();
        return new LabView(views, lab.faults());
    }

    private void render(LabView view) {
        hosts.getChildren().clear();
        for (HostView h : view.hosts()) {
            Label head = new Label(h.name() + (h.up() ? "  up" : "  DOWN") + "  · " + h.roles());
            head.setStyle("-fx-font-weight: bold;" + (h.up() ? "" : " -fx-text-fill: #b00020;"));
            VBox card = new VBox(2, head);
            if (h.parts().isEmpty()) {
                card.getChildren().add(new Label("    (no played components)"));
            }
            for (ComponentStatus c : h.parts()) {
                card.getChildren().add(new Label("    " + c.name() + "  " + c.version() + "  " + c.state()));
            }
            card.setId("lab-host-" + h.name());
            hosts.getChildren().add(card);
        }
        List<Fault> active = view.faults();
        faults.setText("Faults: " + (active.isEmpty() ? "none"
                : active.stream().map(Fault::toString).collect(Collectors.joining("  "))));
    }

    private String roles(String hostName) {
        return lab.topology().roles().entrySet().stream()
                .filter(e -> e.getValue().contains(hostName)).map(java.util.Map.Entry::getKey)
                .collect(Collectors.joining(", "));
    }

    private void inject() {
        FaultKind k = kind.getValue();
        try {
            Fault f = switch (k.scope()) {
                case CLUSTER -> new Fault(k, null, null);
                case HOST -> new Fault(k, host.getValue(), null);
                case HOST_AND_ARG -> new Fault(k, host.getValue(), name.getText().strip());
            };
            lab.inject(f);
            status.setText("injected " + f);
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
        }
        show();
    }

    private void reset(Button button) {
        button.setDisable(true);
        status.setText("resetting…");
        CompletableFuture.runAsync(() -> {
            try {
                lab.reset();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenCompleteAsync((v, e) -> {
            button.setDisable(false);
            status.setText(e == null ? "lab reset to fresh" : "reset failed: " + e.getCause().getMessage());
            show();
        }, FxEvents.fxThread());
    }
}
