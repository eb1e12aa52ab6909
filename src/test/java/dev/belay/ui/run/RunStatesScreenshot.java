package dev.belay.ui.run;

import dev.belay.engine.RunMode;
import dev.belay.engine.RunState;
import dev.belay.engine.StepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
            Shots.theme();
            RunService service = Shots.service(Files.createTempDirectory("belay-states-shot"), Shots.prefs("states"), null);
            Shots.owner(owner);
            Shots.drive(() -> drive(owner, service, Shots.css()), service::close);
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
        Shots.fx(() -> {
            stop.stage().hide();
            return null;
        });

        // 4. a retry counting down
        RunWindow waits = window(service, css, "ui-waits", Map.of());
        await(waits, s -> s.step("settle").orElseThrow().countdown() != null);
        Thread.sleep(3000);
        shoot("run-countdown");
        waits.view().session().controller().abort("screenshot taken").get(30, TimeUnit.SECONDS);
        Shots.fx(() -> {
            waits.stage().hide();
            return null;
        });

        // 5. the resolve-unknown dialog, its note not yet written
        Shots.fx(() -> {
            Platform.runLater(() -> ReasonDialog.resolution(owner, "restart-nova", "compute-7"));
            return null;
        });
        Thread.sleep(2500);
        shoot("run-resolve-unknown");
    }

    private static RunWindow window(RunService service, String css, String book, Map<String, String> vars) throws Exception {
        StartRequest request = new StartRequest(BOOKS.resolve(book + ".yaml"), new InventoryChoice.PracticeLab(),
                "sam", vars, java.time.Instant.now().plus(Duration.ofMinutes(47)), RunMode.LIVE, true, false);
        RunWindow w = Shots.fx(() -> {
            RunWindow x = RunWindow.start(service, request, null, css);
            Shots.fill(x.stage());
            return x;
        });
        Shots.awaitSession(w, 120);
        return w;
    }

    /** Until the engine and then the view (which reads the state at its own pace) show {@code p}. */
    private static void await(RunWindow w, Predicate<RunState> p) throws Exception {
        RunState s = w.view().session().controller().await(p, Duration.ofSeconds(90));
        System.out.println("state: " + s.status() + " awaiting " + s.awaiting());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !Shots.fx(() -> w.view().presenter().state() != null
                && p.test(w.view().presenter().state()))) {
            Thread.sleep(200);
        }
    }

    private static void shoot(String name) throws Exception {
        Shots.grab(outDir.resolve(name + ".png"));
    }
}
