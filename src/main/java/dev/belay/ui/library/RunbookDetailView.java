package dev.belay.ui.library;

import atlantafx.base.theme.Styles;
import dev.belay.runbook.Durations;
import dev.belay.runbook.Monitor;
import dev.belay.runbook.RoleSpec;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.Step;
import dev.belay.runbook.VarSpec;
import dev.belay.ui.library.Chips.Tone;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/** A valid runbook, read-only: what it is for, what it needs, and its steps in order. */
final class RunbookDetailView {

    private RunbookDetailView() {
    }

    static Node of(LibraryEntry entry) {
        Runbook rb = entry.runbook();
        VBox box = new VBox(18);
        box.getStyleClass().add("runbook-detail");
        box.setPadding(new Insets(24, 32, 32, 32));
        box.getChildren().add(header(entry));
        box.getChildren().add(section("Roles", roles(rb.roles())));
        if (!rb.vars().isEmpty()) {
            box.getChildren().add(section("Variables", vars(rb.vars())));
        }
        if (!rb.monitors().isEmpty()) {
            box.getChildren().add(section("Monitors", monitors(rb.monitors())));
        }
        addSteps(box, "Preflight", "preflight", rb.preflight());
        addSteps(box, "Steps", "steps", rb.steps());
        addSteps(box, "Rollback", "rollback", rb.rollback());
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setId("runbook-detail");
        return scroll;
    }

    private static Node header(LibraryEntry entry) {
        Runbook rb = entry.runbook();
        Label title = new Label(rb.title());
        title.setId("detail-title");
        title.getStyleClass().add(Styles.TITLE_2);
        title.setWrapText(true);
        FlowPane facts = new FlowPane(6, 6);
        facts.getChildren().addAll(
                Chips.chip(Feather.HASH, rb.id(), Tone.NEUTRAL),
                Chips.chip(Feather.FOLDER, entry.group(), Tone.ACCENT),
                Chips.chip(null, "revision " + rb.revision(), Tone.NEUTRAL));
        if (rb.estimate() != null) {
            facts.getChildren().add(Chips.chip(Feather.CLOCK, "about " + Durations.format(rb.estimate()), Tone.NEUTRAL));
        }
        facts.getChildren().add(Chips.chip(Feather.ALERT_CIRCLE, "on failure: " + rb.onFailure().yamlName(),
                Tone.NEUTRAL));
        Label summary = new Label(entry.summary());
        summary.setId("detail-summary");
        summary.getStyleClass().add("summary");
        summary.setWrapText(true);
        Label file = new Label(entry.file().toString());
        file.getStyleClass().addAll("mono", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        return new VBox(10, title, facts, summary, file);
    }

    private static Node section(String name, Node content) {
        Label heading = new Label(name);
        heading.getStyleClass().add("section-title");
        return new VBox(8, heading, content);
    }

    private static Node roles(Map<String, RoleSpec> roles) {
        FlowPane pane = new FlowPane(6, 6);
        roles.forEach((name, spec) -> pane.getChildren().add(Chips.chip(Feather.SERVER, name + "  " + range(spec),
                Tone.ACCENT)));
        if (roles.isEmpty()) {
            pane.getChildren().add(muted("No host roles: every step is manual or a wait."));
        }
        return pane;
    }

    private static String range(RoleSpec spec) {
        if (spec.max() == null) {
            return spec.min() + "+ hosts";
        }
        return spec.min() == spec.max() ? spec.min() + (spec.min() == 1 ? " host" : " hosts")
                : spec.min() + "–" + spec.max() + " hosts";
    }

    private static Node vars(Map<String, VarSpec> vars) {
        GridPane grid = new GridPane();
        grid.setId("variables");
        grid.getStyleClass().add("vars-grid");
        grid.setHgap(16);
        grid.setVgap(6);
        ColumnConstraints prompt = new ColumnConstraints();
        prompt.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), prompt, new ColumnConstraints());
        int row = 0;
        for (VarSpec v : vars.values()) {
            Label name = new Label(v.name());
            name.getStyleClass().addAll("mono", "var-name");
            Label text = new Label(v.prompt() == null ? "" : v.prompt());
            text.setWrapText(true);
            Node value = v.secret() ? Chips.chip(Feather.LOCK, "secret", Tone.DANGER)
                    : v.defaultValue() == null ? muted("asked at run start")
                    : Chips.chip(null, v.defaultValue().isEmpty() ? "\"\"" : v.defaultValue(), Tone.NEUTRAL);
            grid.addRow(row++, name, text, value);
        }
        return grid;
    }

    private static Node monitors(List<Monitor> monitors) {
        VBox box = new VBox(4);
        for (Monitor m : monitors) {
            String what = m.probe() instanceof Monitor.Tcp t ? "tcp " + t.target()
                    : m.probe() instanceof Monitor.Http h ? "http " + h.url() + " → " + h.expectStatus()
                    : m.probe() instanceof Monitor.Command c ? "on " + c.on().text() + ": " + c.command() : "";
            Label l = new Label(m.id() + "   " + what + "   every " + Durations.format(m.every()),
                    new org.kordamp.ikonli.javafx.FontIcon(Feather.ACTIVITY));
            l.getStyleClass().add("mono");
            box.getChildren().add(l);
        }
        return box;
    }

    private static void addSteps(VBox box, String name, String id, List<Step> steps) {
        if (steps.isEmpty()) {
            return;
        }
        VBox list = new VBox(0);
        list.setId(id);
        list.getStyleClass().add("step-list");
        int n = 1;
        for (Step s : steps) {
            list.getChildren().add(StepRow.of(n++, s));
        }
        box.getChildren().add(section(name + "  ·  " + steps.size(), list));
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }
}
