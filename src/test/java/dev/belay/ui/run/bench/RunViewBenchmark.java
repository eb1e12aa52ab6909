package dev.belay.ui.run.bench;

import atlantafx.base.theme.PrimerLight;
import dev.belay.engine.RunMode;
import dev.belay.engine.RunState;
import dev.belay.engine.StepStatus;
import dev.belay.ui.run.InventoryChoice;
import dev.belay.ui.run.RunService;
import dev.belay.ui.run.RunSettings;
import dev.belay.ui.run.RunWindow;
import dev.belay.ui.run.StartRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Not a test: how long the FX thread takes to answer a ping (a {@code runLater} every 20 ms) while
 * 50 lab hosts stream 400 lines each into the run view, against the same pings with the run idle.
 * Prints both and their ratio. Run headless with the Monocle properties of the pom's surefire setup.
 */
public final class RunViewBenchmark {

    private RunViewBenchmark() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The application, apart from the main class. */
    public static final class App extends Application {
        @Override
        public void start(Stage ignored) throws Exception {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            Path dir = Files.createTempDirectory("belay-bench");
            Preferences prefs = Preferences.userRoot().node("/dev/belay/bench-" + System.nanoTime());
            RunService service = new RunService(RunSettings.under(dir, prefs));
            StartRequest request = new StartRequest(
                    Path.of("src/test/resources/dev/belay/ui/run/bench/fifty-hosts.yaml").toAbsolutePath(),
                    new InventoryChoice.PracticeLab(), "bench", Map.of(), null, RunMode.LIVE, false, true);
            RunWindow window = RunWindow.start(service, request, null, null);
            CompletableFuture.runAsync(() -> {
                try {
                    measure(window);
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    Platform.runLater(() -> {
                        window.stage().hide();
                        service.close();
                        prefsRemove(prefs);
                        Platform.exit();
                    });
                }
            });
        }
    }

    private static void measure(RunWindow window) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (window.view().session() == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        var run = window.view().session().controller();
        run.await(s -> s.awaiting() != null, Duration.ofSeconds(60));
        List<Long> idle = pings(Duration.ofSeconds(3), () -> true);
        run.run("stream");
        List<Long> busy = pings(Duration.ofSeconds(60), () -> run.state().step("stream")
                .map(s -> s.status() == StepStatus.RUNNING || s.status() == StepStatus.PENDING).orElse(false));
        RunState end = run.state();
        System.out.printf("step %s in %s, %d pings while streaming%n", end.step("stream").orElseThrow().status(),
                end.step("stream").orElseThrow().duration(java.time.Instant.now()), busy.size());
        System.out.printf("FX ping latency idle:      median %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms(pct(idle, 50)), ms(pct(idle, 99)), ms(pct(idle, 100)));
        System.out.printf("FX ping latency streaming: median %.1f ms, p99 %.1f ms, max %.1f ms (ratio to idle median %.1fx)%n",
                ms(pct(busy, 50)), ms(pct(busy, 99)), ms(pct(busy, 100)), (double) pct(busy, 50) / Math.max(1, pct(idle, 50)));
    }

    private static List<Long> pings(Duration max, java.util.function.BooleanSupplier whileTrue) throws Exception {
        List<Long> out = new ArrayList<>();
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end && whileTrue.getAsBoolean()) {
            long t0 = System.nanoTime();
            CompletableFuture<Void> f = new CompletableFuture<>();
            Platform.runLater(() -> f.complete(null));
            f.get(30, TimeUnit.SECONDS);
            out.add(System.nanoTime() - t0);
            Thread.sleep(20);
        }
        return out;
    }

    private static long pct(List<Long> xs, int p) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        if (s.isEmpty()) {
            return 0;
        }
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1 < 0 ? 0 : (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void prefsRemove(Preferences prefs) {
        try {
            prefs.removeNode();
        } catch (Exception e) {
            // best effort for a throwaway node
        }
    }
}
