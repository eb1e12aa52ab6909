package dev.belay.ui.run;

import atlantafx.base.theme.PrimerLight;
import dev.belay.lab.PracticeLab;
import dev.belay.ui.fx.FxEvents;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * What the screenshot drivers of docs/images share (not a test): the app's theme, stages as large as
 * the Xvfb screen the scripts start (1400x900), a run service over a throwaway directory, the drive off
 * the FX thread and the grab of the X screen with ImageMagick's {@code import}.
 */
final class Shots {

    static final int WIDTH = 1400;
    static final int HEIGHT = 900;
    private static final long WAIT_S = 30;

    private Shots() {
    }

    /** The app's theme; first thing in a driver's {@code start}. */
    static void theme() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    /** The stylesheet a run window is given in the app. */
    static String css() {
        return Shots.class.getResource("/dev/belay/ui/belay.css").toExternalForm();
    }

    /** {@code stage} over the whole screen. */
    static void fill(Stage stage) {
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
    }

    /** An empty, screen-sized owner, shown: dialogs centre on their owner, so this keeps them in the picture. */
    static void owner(Stage owner) {
        owner.setScene(new Scene(new StackPane(), WIDTH, HEIGHT));
        owner.setX(0);
        owner.setY(0);
        owner.show();
    }

    /** A throwaway preferences node for a driver's run service (the user's own stay untouched). */
    static Preferences prefs(String name) {
        return Preferences.userRoot().node("/dev/belay/screenshot-" + name + "-" + System.nanoTime());
    }

    /** A run service with its data under {@code dir}; it trusts {@code lab}'s host key when a lab is given. */
    static RunService service(Path dir, Preferences prefs, PracticeLab lab) {
        RunSettings base = RunSettings.under(dir.resolve("home"), prefs);
        return new RunService(lab == null ? base : new RunSettings(base.auditUrl(), prefs, base.dataDir(),
                lab.knownHostsPath(), base.belayKnownHosts()));
    }

    /** What a driver does off the FX thread: waits, shots. */
    @FunctionalInterface
    interface Drive {
        void run() throws Exception;
    }

    /** Runs {@code drive} off the FX thread, then {@code last} (closing what it opened) and the exit on it. */
    static void drive(Drive drive, Drive last) {
        CompletableFuture.runAsync(() -> {
            try {
                drive.run();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    try {
                        last.run();
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                    Platform.exit();
                });
            }
        });
    }

    /** {@code c} on the FX thread, from a driving thread; its result within 30 s. */
    static <T> T fx(Callable<T> c) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, FxEvents.fxThread()).get(WAIT_S, TimeUnit.SECONDS);
    }

    /**
     * Waits up to {@code seconds} for {@code window}'s run to be attached (starting it, and a lab, happens
     * off the FX thread); throws with the window's error if it never is.
     */
    static void awaitSession(RunWindow window, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (window.view().session() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (window.view().session() == null) {
            throw new IllegalStateException("the run did not start: " + fx(() -> {
                Node e = window.view().node().lookup("#run-error");
                return e instanceof Label l ? l.getText() : "?";
            }));
        }
    }

    /** Grabs the X screen into {@code out} and says so. */
    static void grab(Path out) throws Exception {
        Process p = new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start();
        p.waitFor(WAIT_S, TimeUnit.SECONDS);
        System.out.println("wrote " + out);
    }
}
