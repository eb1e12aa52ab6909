package dev.belay.ui.run;

import java.util.Locale;
import javafx.scene.control.Label;

/**
 * The environment as a coloured badge, on every screen of a run, so nobody mistakes production
 * for the lab: PRODUCTION red, STAGING amber, LAB grey, anything else neutral.
 */
final class EnvironmentBadge {

    private EnvironmentBadge() {
    }

    static Label of(String environment) {
        Label l = new Label();
        l.getStyleClass().add("env-badge");
        set(l, environment);
        return l;
    }

    static void set(Label badge, String environment) {
        String env = environment == null || environment.isBlank() ? "?" : environment.strip();
        badge.setText(env.toUpperCase(Locale.ROOT));
        String style = styleClass(env);
        if (!badge.getStyleClass().contains(style)) { // set at every refresh: a class change restyles the badge
            badge.getStyleClass().removeIf(c -> c.startsWith("env-") && !c.equals("env-badge"));
            badge.getStyleClass().add(style);
        }
    }

    static String styleClass(String environment) {
        String e = environment.toLowerCase(Locale.ROOT);
        if (e.startsWith("prod") || e.equals("live")) {
            return "env-production";
        }
        if (e.startsWith("stag") || e.equals("preprod") || e.equals("uat")) {
            return "env-staging";
        }
        if (e.equals("lab") || e.startsWith("practice")) {
            return "env-lab";
        }
        return "env-other";
    }
}
