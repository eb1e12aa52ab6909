package dev.belay.ui.library;

import javafx.scene.control.Label;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small rounded labels with an icon: badges on steps, roles and selectors. */
final class Chips {

    /** The colour family of a chip, as a CSS style class. */
    enum Tone {
        NEUTRAL("chip-neutral"), ACCENT("chip-accent"), WARNING("chip-warning"), DANGER("chip-danger"),
        SUCCESS("chip-success");

        final String styleClass;

        Tone(String styleClass) {
            this.styleClass = styleClass;
        }
    }

    private Chips() {
    }

    static Label chip(Feather icon, String text, Tone tone) {
        Label l = new Label(text, icon == null ? null : new FontIcon(icon));
        l.getStyleClass().addAll("chip", tone.styleClass);
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }
}
