package dev.belay.ui.run;

import atlantafx.base.theme.Styles;
import dev.belay.app.SecretValues;
import dev.belay.app.WindowEnd;
import dev.belay.engine.RunMode;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.VarSpec;
import dev.belay.ui.fx.FxEvents;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The start dialog: inventory (file, imported Ansible inventory, or the practice lab), operator
 * (remembered), variables (secrets in password fields), window end, live or dry run, rehearsal.
 * OK stays on the dialog with a message until the inputs make sense.
 */
public final class StartRunDialog {

    static final String OPERATOR_KEY = "operator";
    static final ButtonType START = new ButtonType("Start run", ButtonBar.ButtonData.OK_DONE);

    private final Runbook runbook;
    private final Path runbookFile;
    private final RunService service;
    private final Dialog<StartRequest> dialog = new Dialog<>();
    private final ToggleGroup source = new ToggleGroup();
    private final RadioButton lab = radio("Practice lab", "inv-lab", source);
    private final RadioButton file = radio("Inventory file", "inv-file", source);
    private final RadioButton ansible = radio("Ansible inventory", "inv-ansible", source);
    private final TextField path = new TextField();
    private final TextField ansibleEnv = new TextField();
    private final Label environment = EnvironmentBadge.of("lab");
    private final TextField operator = new TextField();
    private final Map<String, TextInputControl> varFields = new LinkedHashMap<>();
    private final Map<String, Boolean> edited = new LinkedHashMap<>();
    private Map<String, String> inventoryVars = Map.of();
    private final TextField windowEnd = new TextField();
    private final Label windowHint = new Label();
    private final ToggleGroup modes = new ToggleGroup();
    private final RadioButton live = radio("Live", "mode-live", modes);
    private final RadioButton dry = radio("Dry run (show the commands, execute nothing)", "mode-dry", modes);
    private final dev.belay.ui.lab.LabOptions labOptions = new dev.belay.ui.lab.LabOptions();
    private final CheckBox rehearsal = new CheckBox("Rehearsal (training on a non-production environment)");
    private final CheckBox stepByStep = new CheckBox("Wait for Run on each step");
    private final Label error = new Label();

    public StartRunDialog(Window owner, Runbook runbook, Path runbookFile, RunService service) {
        this.runbook = runbook;
        this.runbookFile = runbookFile;
        this.service = service;
        dialog.initOwner(owner);
        dialog.setTitle("Start a run");
        dialog.setHeaderText(runbook.title() + "  (" + runbook.id() + " rev " + runbook.revision() + ")");
        dialog.getDialogPane().setId("start-run-dialog");
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, START);
        dialog.getDialogPane().setContent(form());
        dialog.getDialogPane().setPrefWidth(860);
        dialog.getDialogPane().setMinWidth(860); // the pane otherwise takes its header's width, cutting the fields
        dialog.setResizable(true);
        // the environment badge's colours and the form's styles live with the run window's
        dialog.getDialogPane().getStylesheets().add(RunWindow.class.getResource(RunWindow.STYLESHEET).toExternalForm());
        dialog.getDialogPane().getStyleClass().add("start-run");
        Button ok = (Button) dialog.getDialogPane().lookupButton(START);
        ok.setId("start-run");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!validate()) {
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == START ? request() : null);
        source.selectedToggleProperty().addListener((o, a, b) -> inventoryChanged());
        path.textProperty().addListener((o, a, b) -> inventoryChanged());
        windowEnd.textProperty().addListener((o, a, b) -> windowHint());
        lab.selectedProperty().addListener((o, was, now) -> rehearsal.setSelected(now || rehearsal.isSelected()));
        lab.setSelected(true);
        rehearsal.setSelected(true); // a run on the practice lab is a rehearsal
        live.setSelected(true);
        stepByStep.setSelected(true);
        String remembered = service.settings().prefs().get(OPERATOR_KEY, System.getProperty("user.name", ""));
        operator.setText(remembered);
    }

    /** Shows the dialog; empty when cancelled. */
    public Optional<StartRequest> showAndWait() {
        Optional<StartRequest> r = dialog.showAndWait();
        r.ifPresent(req -> service.settings().prefs().put(OPERATOR_KEY, req.operator()));
        return r;
    }

    Dialog<StartRequest> dialog() {
        return dialog;
    }

    private Node form() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(10);
        g.setPadding(new Insets(8, 4, 8, 4));
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // labels are never cut to "Windo..."
        labels.setMaxWidth(220);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        path.setId("inventory-path");
        path.setPromptText("path to inventory.yaml");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> browse());
        ansibleEnv.setId("ansible-environment");
        ansibleEnv.setPromptText("environment (default: file name)");
        ansibleEnv.visibleProperty().bind(ansible.selectedProperty());
        ansibleEnv.managedProperty().bind(ansible.selectedProperty());
        HBox pathRow = new HBox(6, path, browse);
        pathRow.disableProperty().bind(lab.selectedProperty());
        environment.setId("start-environment");
        g.addRow(row++, label("Inventory"), unclipped(lab, file, ansible));
        labOptions.node().visibleProperty().bind(lab.selectedProperty());
        labOptions.node().managedProperty().bind(lab.selectedProperty());
        g.addRow(row++, new Label(), new VBox(6, pathRow, ansibleEnv, labOptions.node()));
        g.addRow(row++, label("Environment"), environment);
        operator.setId("operator");
        operator.setPromptText("your name, as the audit log shows it");
        g.addRow(row++, label("Operator"), operator);
        for (VarSpec v : runbook.vars().values()) {
            g.addRow(row++, varLabel(v), varField(v));
        }
        windowEnd.setId("window-end");
        windowEnd.setPromptText("HH:MM local time (optional)");
        windowEnd.setPrefColumnCount(15);
        windowEnd.setTooltip(new Tooltip("When the maintenance window closes, in local time (" + ZoneId.systemDefault().getId()
                + "); the clock warns before it does"));
        windowHint.setText("local time, " + ZoneId.systemDefault().getId());
        windowHint.setId("window-hint");
        windowHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        g.addRow(row++, label("Window ends"), new HBox(10, windowEnd, windowHint));
        g.addRow(row++, label("Mode"), unclipped(live, dry));
        rehearsal.setId("rehearsal");
        stepByStep.setId("step-by-step");
        stepByStep.setTooltip(new Tooltip("Off: steps run one after another without waiting; failures and manual steps still wait"));
        rehearsal.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        stepByStep.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.addRow(row++, new Label(), new VBox(6, rehearsal, stepByStep));
        error.setId("start-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setMaxWidth(800);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.add(error, 0, row, 2, 1);
        // a runbook with many vars makes a tall form: it scrolls rather than running off the screen
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(g);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefViewportWidth(820);
        scroll.setPrefViewportHeight(600); // fits a 1280x800 screen with the header and buttons
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    /** Choices side by side, wrapping to the next line before any of them is cut to "Practic…". */
    private static Node unclipped(javafx.scene.control.Control... choices) {
        javafx.scene.layout.FlowPane row = new javafx.scene.layout.FlowPane(12, 6);
        for (javafx.scene.control.Control c : choices) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            row.getChildren().add(c);
        }
        return row;
    }

    /** The author's {@code prompt:} is the label; the var's name, as the runbook writes it, under it. */
    private Node varLabel(VarSpec v) {
        Label l = new Label(v.prompt() != null && !v.prompt().isBlank() ? v.prompt() : v.name());
        l.setId("var-label-" + v.name());
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        Label name = new Label(v.name() + (v.secret() ? " · secret" : ""));
        name.getStyleClass().addAll("mono", Styles.TEXT_SMALL, Styles.TEXT_SUBTLE);
        return new VBox(1, l, name);
    }

    private Node varField(VarSpec v) {
        TextInputControl f = v.secret() ? new PasswordField() : new TextField();
        f.setId("var-" + v.name());
        f.setPromptText(v.secret() ? "secret: masked in output, never stored" : v.defaultValue() == null ? "" : "default: " + v.defaultValue());
        if (v.defaultValue() != null) {
            f.setText(v.defaultValue());
        }
        f.textProperty().addListener((o, a, b) -> {
            if (f.isFocused()) {
                edited.put(v.name(), true);
            }
        });
        varFields.put(v.name(), f);
        return f;
    }

    private void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(ansible.isSelected() ? "Ansible inventory" : "Belay inventory");
        File chosen = chooser.showOpenDialog(dialog.getOwner());
        if (chosen != null) {
            path.setText(chosen.getAbsolutePath());
        }
    }

    /** Loads the chosen inventory off the FX thread, then shows its environment and prefills vars. */
    private void inventoryChanged() {
        InventoryChoice choice = choice();
        if (choice == null) {
            return;
        }
        service.inventory(choice, runbook).whenCompleteAsync((inv, e) -> {
            if (!choice.equals(choice())) {
                return;
            }
            if (e != null) {
                EnvironmentBadge.set(environment, "?");
                inventoryVars = Map.of();
            } else {
                EnvironmentBadge.set(environment, inv.environment());
                prefill(inv);
            }
        }, FxEvents.fxThread());
    }

    private void prefill(Inventory inv) {
        inventoryVars = inv.vars();
        for (VarSpec v : runbook.vars().values()) {
            TextInputControl f = varFields.get(v.name());
            if (edited.getOrDefault(v.name(), false)) {
                continue;
            }
            String value = inv.vars().containsKey(v.name()) ? inv.vars().get(v.name()) : v.defaultValue();
            f.setText(value == null ? "" : value);
        }
    }

    InventoryChoice choice() {
        if (lab.isSelected()) {
            return new InventoryChoice.PracticeLab(labOptions.hosts(), labOptions.faults());
        }
        String p = path.getText() == null ? "" : path.getText().strip();
        if (p.isEmpty()) {
            return null;
        }
        return file.isSelected() ? new InventoryChoice.File(Path.of(p))
                : new InventoryChoice.Ansible(Path.of(p), ansibleEnv.getText());
    }

    private boolean validate() {
        String problem = problem();
        error.setText(problem == null ? "" : problem);
        return problem == null;
    }

    private String problem() {
        if (!lab.isSelected() && (path.getText() == null || path.getText().isBlank())) {
            return "Choose an inventory file (Browse…), or pick the practice lab.";
        }
        if (lab.isSelected() && labOptions.problem() != null) {
            return labOptions.problem();
        }
        if (operator.getText() == null || operator.getText().isBlank()) {
            return "Type the operator's name: the audit log records who ran each step.";
        }
        for (VarSpec v : runbook.vars().values()) {
            String value = varFields.get(v.name()).getText();
            if ((value == null || value.isEmpty()) && !inventoryVars.containsKey(v.name()) && v.defaultValue() == null) {
                return "Variable " + v.name() + (v.prompt() == null ? "" : " (" + v.prompt() + ")")
                        + " needs a value: neither the inventory nor the runbook gives one.";
            }
            String tooShort = v.secret() ? SecretValues.problem(v.name(), value) : null;
            if (tooShort != null) {
                return "The s" + tooShort.substring(1);
            }
        }
        try {
            WindowEnd.parse(windowEnd.getText(), Instant.now(), ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    private void windowHint() {
        try {
            Instant end = WindowEnd.parse(windowEnd.getText(), Instant.now(), ZoneId.systemDefault());
            windowHint.setText(end == null ? "local time, " + ZoneId.systemDefault().getId() + "; empty: no window end"
                    : WindowEnd.describe(end, ZoneId.systemDefault()));
        } catch (IllegalArgumentException e) {
            windowHint.setText("HH:MM local time (" + ZoneId.systemDefault().getId() + ")");
        }
    }

    private StartRequest request() {
        Map<String, String> vars = new LinkedHashMap<>();
        varFields.forEach((name, f) -> {
            String v = f.getText();
            if (v != null && !v.isEmpty()) {
                vars.put(name, v);
            }
        });
        Instant end = WindowEnd.parse(windowEnd.getText(), Instant.now(), ZoneId.systemDefault());
        return new StartRequest(runbookFile, choice(), operator.getText().strip(), vars, end,
                dry.isSelected() ? RunMode.DRY_RUN : RunMode.LIVE, rehearsal.isSelected(), stepByStep.isSelected());
    }

    private static RadioButton radio(String text, String id, ToggleGroup group) {
        RadioButton b = new RadioButton(text);
        b.setId(id);
        b.setToggleGroup(group);
        return b;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
