package dev.belay.ui.run;

import atlantafx.base.theme.PrimerLight;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunState;
import dev.belay.engine.StepStatus;
import dev.belay.ui.fx.FxEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Not a test: takes the run window's state screenshots for docs/images (a failure
 * under on_failure: stop, a retry countdown, the end panel, the resolve-unknown dialog; the start
 * dialog is {@link StartDialogScreenshot}'s) on the
 * practice lab, grabbing the X screen after each. Run under Xvfb: docs/images/shoot-run-states.sh.
 */
public final class RunStatesScreenshot {

    static final Path BOOKS = Path.of("src/test/resources/dev/belay/ui/run/runbooks").toAbsolutePath();
    private static Path outDir;

    private RunStatesScreenshot() {
    }

    public static void main(String[] args) {
        outDir = Path.of(args.length > 0 ? args[0] : "docs/images").toAbsolutePath();
        Application.launch(App.class, args);
    }

    /** The application, apart from the main class: JavaFX on the class path needs that. */
    public static final class App extends Application {
        @Override
        public void start(Stage owner) throws Exception {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Path dir = Files.createTempDirectory("belay-states-shot");
            Preferences prefs = Preferences.userRoot().node("/dev/belay/screenshot-" + System.nanoTime());
            RunService service = new RunService(RunSettings.under(dir.resolve("home"), prefs));
            String css = RunStatesScreenshot.class.getResource("/dev/belay/ui/belay.css").toExternalForm();
            // dialogs centre on their owner: a screen-sized one keeps them in the picture
            owner.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 1400, 900));
            owner.setX(0);
            owner.setY(0);
            owner.show();
            CompletableFuture.runAsync(() -> {
                try {
                    drive(owner, service, css);
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    Platform.runLater(() -> {
                        service.close();
                        Platform.exit();
                    });
                }
            });
        }
    }

    private static void drive(Stage owner, RunService service, String css) throws Exception {
        // 2. a failure under on_failure: stop
        RunWindow stop = window(service, css, "ui-stop", Map.of());
        await(stop, s -> s.step("breaks").orElseThrow().status() == StepStatus.FAILED && s.awaiting() != null);
        Thread.sleep(2000);
        shoot("run-failed-stop");

        // 3. the end panel (aborted with a reason)
        stop.view().session().controller().abort("database unreachable; calling the DBA").get(30, TimeUnit.SECONDS);
        await(stop, s -> s.status().ended());
        Thread.sleep(2000);
        shoot("run-end");
        on(() -> {
            stop.stage().hide();
            return null;
        });

        // 4. a retry counting down
        RunWindow waits = window(service, css, "ui-waits", Map.of());
        await(waits, s -> s.step("settle").orElseThrow().countdown() != null);
        Thread.sleep(3000);
        shoot("run-countdown");
        waits.view().session().controller().abort("screenshot taken").get(30, TimeUnit.SECONDS);
        on(() -> {
            waits.stage().hide();
            return null;
        });

        // 5. the resolve-unknown dialog, its note not yet written
        on(() -> {
            Platform.runLater(() -> ReasonDialog.resolution(owner, "restart-nova", "compute-7"));
            return null;
        });
        Thread.sleep(2500);
        shoot("run-resolve-unknown");
    }

    private static RunWindow window(RunService service, String css, String book, Map<String, String> vars) throws Exception {
        StartRequest request = new StartRequest(BOOKS.resolve(book + ".yaml"), new InventoryChoice.PracticeLab(),
                "sam", vars, java.time.Instant.now().plus(Duration.ofMinutes(47)), RunMode.LIVE, true, false);
        RunWindow w = on(() -> {
            RunWindow x = RunWindow.start(service, request, null, css);
            x.stage().setX(0);
            x.stage().setY(0);
            x.stage().setWidth(1400);
            x.stage().setHeight(900);
            return x;
        }).get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (w.view().session() == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return w;
    }

    /** Until the engine and then the view (which reads the state at its own pace) show {@code p}. */
    private static void await(RunWindow w, Predicate<RunState> p) throws Exception {
        RunState s = w.view().session().controller().await(p, Duration.ofSeconds(90));
        System.out.println("state: " + s.status() + " awaiting " + s.awaiting());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !on(() -> w.view().presenter().state() != null
                && p.test(w.view().presenter().state())).get(30, TimeUnit.SECONDS)) {
            Thread.sleep(200);
        }
    }

    private static <T> CompletableFuture<T> on(java.util.concurrent.Callable<T> c) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return c.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, FxEvents.fxThread());
    }

    private static void shoot(String name) throws Exception {
        Path out = outDir.resolve(name + ".png");
        Process p = new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start();
        p.waitFor(30, TimeUnit.SECONDS);
        System.out.println("wrote " + out);
    }
}
