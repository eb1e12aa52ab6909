package dev.belay.ui.lab;

import dev.belay.lab.Fault;
import dev.belay.lab.LabConfig;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The start dialog's practice-lab options: how many hosts (3 by default; more if the runbook's roles
 * need them) and the faults injected from the start, written as on the command line.
 */
public final class LabOptions {

    private final Spinner<Integer> hosts = new Spinner<>(1, LabConfig.MAX_HOSTS, 3);
    private final TextField faults = new TextField();
    private final HBox node;

    public LabOptions() {
        hosts.setId("lab-hosts");
        hosts.setEditable(true);
        hosts.setPrefWidth(90);
        hosts.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // else the row squeezes its number out of sight
        faults.setId("lab-faults");
        faults.setPromptText("faults, e.g. slow@lab-2 disk-full@lab-1");
        faults.setPrefColumnCount(16);
        javafx.scene.layout.HBox.setHgrow(faults, javafx.scene.layout.Priority.ALWAYS);
        faults.setTooltip(new Tooltip("Known: " + Fault.catalogue()));
        Label hostsLabel = new Label("Hosts");
        Label faultsLabel = new Label("Faults");
        // the labels keep their words when the dialog is narrow; the faults field gives way
        hostsLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        faultsLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        node = new HBox(10, hostsLabel, hosts, faultsLabel, faults);
        node.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        node.setId("lab-options");
    }

    public Node node() {
        return node;
    }

    public int hosts() {
        return hosts.getValue();
    }

    /** The faults as typed, parsed; throws with the parser's message (which lists the catalogue). */
    public List<Fault> faults() {
        List<Fault> out = new ArrayList<>();
        String text = faults.getText() == null ? "" : faults.getText().strip();
        if (!text.isEmpty()) {
            for (String f : text.split("[\\s,]+")) {
                Fault fault = Fault.parse(f);
                if (fault.host() != null && !isHost(fault.host())) {
                    throw new IllegalArgumentException("fault " + fault + " names no lab host; the lab has lab-1..lab-"
                            + hosts());
                }
                out.add(fault);
            }
        }
        return out;
    }

    /** Null when the options are fine, else what to fix. */
    public String problem() {
        try {
            faults();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private boolean isHost(String name) {
        return name.matches("lab-\\d+") && Integer.parseInt(name.substring(4)) >= 1
                && Integer.parseInt(name.substring(4)) <= hosts();
    }
}
