package dev.belay.ui.library;

import atlantafx.base.theme.Styles;
import dev.belay.runbook.Action;
import dev.belay.runbook.Durations;
import dev.belay.runbook.Retry;
import dev.belay.runbook.Step;
import dev.belay.ui.library.Chips.Tone;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One step as a row: number, action icon, title and id, where it runs, and its badges. */
final class StepRow {

    private static final Parser MARKDOWN = Parser.builder().build();
    private static final TextContentRenderer PLAIN = TextContentRenderer.builder().build();

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
        if (step.description() != null && !step.description().isBlank()) {
            Label d = new Label(PLAIN.render(MARKDOWN.parse(step.description())).strip());
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
