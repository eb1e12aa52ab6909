package dev.belay.ui;

import javafx.application.Application;

/**
 * The GUI entry point. It must not extend {@link Application}: with JavaFX on the class path a
 * main class that does fails with "JavaFX runtime components are missing".
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(BelayApp.class, args);
    }
}
