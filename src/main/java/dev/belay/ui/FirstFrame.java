package dev.belay.ui;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * For {@code belay gui --exit-after-first-frame}: once the main window has been laid out and a frame
 * has gone by, print how long it took from JVM start and close the app, so a script can check that the
 * installed package opens a window and time it.
 */
final class FirstFrame {

    private FirstFrame() {
    }

    static void thenExit(Stage stage) {
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2 || !stage.isShowing()) { // the second pulse comes after the first frame is drawn
                    return;
                }
                stop();
                long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("belay: window \"" + stage.getTitle() + "\" shown " + (int) stage.getWidth() + "x"
                        + (int) stage.getHeight() + ", " + ms + " ms after start");
                System.out.flush();
                Platform.exit();
            }
        }.start();
    }
}
