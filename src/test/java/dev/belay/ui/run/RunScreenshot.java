package dev.belay.ui.run;

import atlantafx.base.theme.PrimerLight;
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
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
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
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Path dir = Files.createTempDirectory("belay-shot");
        PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0));
        Preferences prefs = Preferences.userRoot().node("/dev/belay/screenshot-" + System.nanoTime());
        RunSettings base = RunSettings.under(dir.resolve("home"), prefs);
        RunSettings settings = new RunSettings(base.auditUrl(), prefs, base.dataDir(), lab.knownHostsPath(),
                base.belayKnownHosts());
        RunService service = new RunService(settings);
        StartRequest request = new StartRequest(Path.of("runbooks/practice-upgrade.yaml").toAbsolutePath(),
                new InventoryChoice.File(lab.inventoryPath()), "sam", Map.of(),
                Instant.now().plus(Duration.ofMinutes(47)), RunMode.LIVE, true, false);
        RunWindow window = RunWindow.start(service, request, null, getClass().getResource("/dev/belay/ui/belay.css").toExternalForm());
        window.stage().setX(0);
        window.stage().setY(0);
        window.stage().setWidth(1400);
        window.stage().setHeight(900);
        CompletableFuture.runAsync(() -> {
            try {
                drive(window);
                Thread.sleep(1500);
                Process p = new ProcessBuilder("import", "-window", "root", out.toString()).inheritIO().start();
                p.waitFor(30, TimeUnit.SECONDS);
                System.out.println("wrote " + out);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    window.stage().hide();
                    service.close();
                    try {
                        lab.close();
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                    Platform.exit();
                });
            }
        });
    }

    }

    private static void drive(RunWindow window) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (window.view().session() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
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
