package dev.belay.ui.run;

import dev.belay.engine.CheckResult;
import dev.belay.engine.FailureSummary;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A host card's expectation lines, one per check, kept and reused: a card in a virtualised host
 * list shows one host after another (and the list measures cards by showing each host in a spare
 * card), so new labels each time meant working out their CSS from nothing, for every card measured.
 * A reused line changes its text, and its classes only when the check's outcome differs.
 */
final class CheckLines {

    private final List<Label> lines = new ArrayList<>();

    /** The lines for {@code checks}, in order (the same label objects as before where there were as many). */
    List<Label> show(List<CheckResult> checks) {
        List<Label> shown = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            if (i == lines.size()) {
                lines.add(line());
            }
            Label l = lines.get(i);
            fill(l, checks.get(i));
            shown.add(l);
        }
        return shown;
    }

    private static Label line() {
        FontIcon icon = new FontIcon(Feather.CHECK);
        Label l = new Label("", icon);
        l.setTooltip(new Tooltip());
        l.getStyleClass().add("check");
        l.setWrapText(true);
        return l;
    }

    private static void fill(Label l, CheckResult c) {
        FontIcon icon = (FontIcon) l.getGraphic();
        Feather code = c.passed() ? Feather.CHECK : Feather.X;
        if (icon.getIconCode() != code) {
            icon.setIconCode(code);
        }
        swap(icon.getStyleClass(), c.passed() ? "check-pass" : "check-fail", c.passed() ? "check-fail" : "check-pass");
        swap(l.getStyleClass(), c.passed() ? "check-passed" : "check-failed", c.passed() ? "check-failed" : "check-passed");
        // a failing check (a retry not passing yet) reads in plain words; the expression is in the tooltip
        l.setText(!c.passed() ? FailureSummary.plain(c) : c.expectation() + "   seen: " + c.seen()
                + (c.captureName() == null ? "" : "   → " + c.captureName() + " = " + c.captured()));
        l.getTooltip().setText(c.expectation());
    }

    /** Has {@code on} and not {@code off} in {@code classes}, changing them only when needed (a change restyles). */
    private static void swap(List<String> classes, String on, String off) {
        classes.remove(off);
        if (!classes.contains(on)) {
            classes.add(on);
        }
    }
}
