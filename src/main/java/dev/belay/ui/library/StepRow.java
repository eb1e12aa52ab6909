package dev.belay.ui.library;

import atlantafx.base.theme.Styles;
import dev.belay.runbook.Action;
import dev.belay.runbook.Durations;
import dev.belay.runbook.Retry;
import dev.belay.runbook.Step;
import dev.belay.ui.library.Chips.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One step as a row: number, action icon, title and id, where it runs, and its badges. */
final class StepRow {

    private StepRow() {
    }

    static Node of(int number, Step step) {
        Label num = new Label(Integer.toString(number));
        num.getStyleClass().add("step-number");
        FontIcon icon = new FontIcon(icon(step.action()));
        icon.getStyleClass().add("step-icon");
        HBox lead = new HBox(8, num, icon);
        lead.setAlignment(Pos.TOP_LEFT);
        lead.setMinWidth(56);

        Label title = new Label(step.title());
        title.getStyleClass().add("step-title");
        title.setWrapText(true);
        Label id = new Label(step.id());
        id.getStyleClass().addAll("mono", Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        FlowPane meta = new FlowPane(6, 6);
        meta.getChildren().add(Chips.chip(null, kind(step.action()), Tone.NEUTRAL));
        meta.getChildren().addAll(where(step.action()));
        meta.getChildren().addAll(badges(step));
        VBox body = new VBox(4, title, id, meta);
        command(step.action()).ifPresent(body.getChildren()::add);
        prompt(step).ifPresent(body.getChildren()::add);
        if (step.description() != null && !step.description().isBlank()) {
            Label d = new Label(MarkdownText.plain(step.description()));
            d.getStyleClass().addAll("step-description", Styles.TEXT_MUTED);
            d.setWrapText(true);
            body.getChildren().add(d);
        }
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox row = new HBox(8, lead, body);
        row.getStyleClass().add("step-row");
        if (step.pointOfNoReturn()) {
            row.getStyleClass().add("point-of-no-return");
        }
        return row;
    }

    /** The first line of the command, so the reader sees what runs without opening the file. */
    private static Optional<Node> command(Action action) {
        String cmd = action instanceof Action.Run r ? r.command()
                : action instanceof Action.Terminal t ? t.command() : null;
        if (cmd == null || cmd.isBlank()) {
            return Optional.empty();
        }
        List<String> lines = cmd.strip().lines().toList();
        String first = lines.get(0) + (lines.size() > 1 ? "   … " + (lines.size() - 1) + " more line"
                + (lines.size() == 2 ? "" : "s") : "");
        Label l = new Label("$ " + first);
        l.getStyleClass().addAll("mono", "step-command");
        l.setTextOverrun(OverrunStyle.ELLIPSIS);
        l.setMinWidth(0);
        return Optional.of(l);
    }

    /** What the operator is asked to confirm, for manual steps and steps with a confirm tick. */
    private static Optional<Node> prompt(Step step) {
        String text = step.action() instanceof Action.Manual m ? m.prompt() : step.confirm();
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Label l = new Label(text, new FontIcon(Feather.CHECK_SQUARE));
        l.getStyleClass().add("step-confirm");
        l.setWrapText(true);
        return Optional.of(l);
    }

    static Feather icon(Action action) {
        if (action instanceof Action.Run) {
            return Feather.CODE;
        } else if (action instanceof Action.Terminal) {
            return Feather.TERMINAL;
        } else if (action instanceof Action.Manual) {
            return Feather.CHECK_SQUARE;
        } else if (action instanceof Action.Wait) {
            return Feather.CLOCK;
        }
        return Feather.LAYERS;
    }

    static String kind(Action action) {
        if (action instanceof Action.Run) {
            return "run";
        } else if (action instanceof Action.Terminal) {
            return "terminal";
        } else if (action instanceof Action.Manual) {
            return "manual";
        } else if (action instanceof Action.Wait) {
            return "wait";
        }
        return "include";
    }

    /** Where the step acts: its host selector, or what stands in for one. */
    private static List<Node> where(Action action) {
        if (action instanceof Action.Run run) {
            return List.of(Chips.chip(Feather.SERVER, run.on().text(), Tone.ACCENT));
        } else if (action instanceof Action.Terminal t) {
            return List.of(Chips.chip(Feather.SERVER, t.host().text(), Tone.ACCENT));
        } else if (action instanceof Action.Wait w) {
            return List.of(Chips.chip(Feather.CLOCK, Durations.format(w.duration()), Tone.NEUTRAL));
        } else if (action instanceof Action.Include inc) {
            return List.of(Chips.chip(Feather.LAYERS, inc.runbookId(), Tone.ACCENT));
        }
        return List.of();
    }

    private static List<Node> badges(Step step) {
        List<Node> out = new ArrayList<>();
        if (step.serial() != null) {
            out.add(Chips.chip(Feather.LIST, "serial " + step.serial(), Tone.WARNING));
        }
        if (step.gate() != null) {
            out.add(Chips.chip(Feather.SHIELD, "gate on " + step.gate().on().text(), Tone.WARNING));
        }
        if (step.retry() != null) {
            out.add(Chips.chip(Feather.REFRESH_CW, retryText(step.retry()), Tone.NEUTRAL));
        }
        if (step.when() != null) {
            out.add(Chips.chip(Feather.TOGGLE_RIGHT, "when " + step.when(), Tone.NEUTRAL));
        }
        if (step.confirm() != null && !(step.action() instanceof Action.Manual)) {
            out.add(Chips.chip(Feather.CHECK_SQUARE, "confirm", Tone.NEUTRAL));
        }
        if (step.snapshot() != null) {
            out.add(Chips.chip(Feather.CAMERA, "snapshot " + step.snapshot(), Tone.SUCCESS));
        }
        if (step.pointOfNoReturn()) {
            out.add(Chips.chip(Feather.ALERT_TRIANGLE, "point of no return", Tone.DANGER));
        }
        return out;
    }

    private static String retryText(Retry r) {
        return "retry every " + Durations.format(r.every()) + " within " + Durations.format(r.within());
    }
}
