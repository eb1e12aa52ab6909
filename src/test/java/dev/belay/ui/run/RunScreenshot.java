package dev.belay.ui.run;

import dev.belay.engine.RunMode;
import dev.belay.engine.RunState;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ui.fx.FxEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * Not a test: takes docs/images/run.png. Starts a practice lab, runs the shipped practice upgrade
 * until its manual step, opens lab-1's terminal and types into it, then grabs the X screen.
 * Run under Xvfb: {@code xvfb-run -s "-screen 0 1400x900x24" java -cp ... dev.belay.ui.run.RunScreenshot OUT.png}.
 */
public final class RunScreenshot {

    private static Path out;

    private RunScreenshot() {
    }

    public static void main(String[] args) {
        out = Path.of(args.length > 0 ? args[0] : "docs/images/run.png").toAbsolutePath();
        Application.launch(App.class, args);
    }

    /** The application, apart from the main class: JavaFX on the class path needs that. */
    public static final class App extends Application {
        @Override
        public void start(Stage ignored) throws Exception {
            Shots.theme();
            Path dir = Files.createTempDirectory("belay-shot");
            PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0));
            RunService service = Shots.service(dir, Shots.prefs("run"), lab);
            StartRequest request = new StartRequest(Path.of("runbooks/practice-upgrade.yaml").toAbsolutePath(),
                    new InventoryChoice.File(lab.inventoryPath()), "sam", Map.of(),
                    Instant.now().plus(Duration.ofMinutes(47)), RunMode.LIVE, true, false);
            RunWindow window = RunWindow.start(service, request, null, Shots.css());
            Shots.fill(window.stage());
            Shots.drive(() -> {
                drive(window);
                Thread.sleep(1500);
                Shots.grab(out);
            }, () -> {
                window.stage().hide();
                service.close();
                lab.close();
            });
        }
    }

    private static void drive(RunWindow window) throws Exception {
        Shots.awaitSession(window, 60);
        RunState s = window.view().session().controller().await(x -> x.awaiting() != null
                && "look-by-hand".equals(x.awaiting().stepId()), Duration.ofSeconds(90));
        System.out.println("state: " + s.status() + " awaiting " + s.awaiting());
        CompletableFuture<Void> typed = System.getProperty("noterm") != null ? null : CompletableFuture.supplyAsync(() ->
                window.view().terminals().typeInto("lab-1", "cat ~/practice-svc/etc/svc.ini; head -3 ~/practice-svc/data/rows.txt"),
                FxEvents.fxThread()).thenCompose(f -> f);
        if (System.getProperty("noterm") == null) {
            typed.get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(2500);
    }
}
