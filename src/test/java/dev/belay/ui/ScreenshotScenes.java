package dev.belay.ui;

import atlantafx.base.theme.PrimerLight;
import dev.belay.audit.AuditStore;
import dev.belay.audit.Operator;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.testing.TestClock;
import dev.belay.ui.history.HistoryFixture;
import dev.belay.ui.library.LibraryFolders;
import dev.belay.ui.terminal.LabTerminals;
import dev.belay.ui.terminal.TerminalTabs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.util.Duration;

/**
 * Sets up the scenes of docs/images (history, terminal, replay-markers) under Xvfb and prints READY; the script
 * docs/images/shoot.sh then takes the screenshot with ImageMagick and ends this process.
 */
public final class ScreenshotScenes {

    private ScreenshotScenes() {
    }

    /** Not an Application itself: with JavaFX on the class path such a main class cannot start. */
    public static void main(String[] args) {
        Application.launch(Scenes.class, args);
    }

    /** The application that builds the scene named by the first argument. */
    public static final class Scenes extends Application {

        @Override
        public void start(Stage stage) throws Exception {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            stage.initStyle(StageStyle.UNDECORATED);
            stage.setX(0);
            stage.setY(0);
            Path dir = Files.createTempDirectory("belay-shots");
            if (getParameters().getRaw().contains("broadcast-divergence")) {
                divergence(stage, dir);
            } else if (getParameters().getRaw().contains("replay-markers")) {
                replayMarkers(stage, dir);
            } else if (getParameters().getRaw().contains("terminal")) {
                terminal(stage, dir);
            } else if (getParameters().getRaw().contains("compare")) {
                compare(stage, dir);
            } else if (getParameters().getRaw().contains("lab")) {
                lab(stage, dir);
            } else if (getParameters().getRaw().contains("history-resume")) {
                history(stage, dir, true);
            } else {
                history(stage, dir, false);
            }
        }

        /** The lab panel of a 3-host lab with two faults, one injected live. */
        private void lab(Stage stage, Path dir) throws Exception {
            PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0)
                    .withFaults(java.util.List.of(dev.belay.lab.Fault.parse("slow@lab-2"))));
            lab.inject(dev.belay.lab.Fault.parse("disk-full@lab-3"));
            dev.belay.ui.lab.LabPanel panel = new dev.belay.ui.lab.LabPanel(lab);
            stage.setScene(new Scene((javafx.scene.Parent) panel.node(), 640, 520));
            stage.show();
            readyWhen(() -> panel.node().lookup("#lab-host-lab-3") != null); // the panel reads the lab off the FX thread
        }

        /**
         * The main window at its default size (1280 x 800) on the History page: the lab rehearsal's
         * timeline, or ({@code resume}) a run that never finished, offering Resume….
         */
        private void history(Stage stage, Path dir, boolean resume) throws Exception {
            TestClock clock = TestClock.ticking(TestClock.MORNING);
            AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")), clock);
            HistoryFixture.fill(store, clock);
            if (resume) {
                HistoryFixture.interrupted(store, clock, "run-interrupted");
            }
            Preferences prefs = Preferences.userRoot().node("/dev/belay/shots-" + System.nanoTime());
            MainWindow window = new MainWindow(new LibraryFolders(prefs, Path.of("runbooks").toAbsolutePath()), () -> store);
            if (resume) {
                window.history().setOnResume(run -> { }); // as the desktop with a run service does
            }
            window.show(stage);
            Platform.runLater(() -> {
                stage.getScene().getRoot().lookupAll(".tab-pane").stream().findFirst().ifPresent(p ->
                        ((javafx.scene.control.TabPane) p).getSelectionModel().select(window.history().tab()));
                var view = window.history().view();
                view.refresh().thenCompose(runs -> view.openRun(resume ? "run-interrupted" : HistoryFixture.REHEARSAL))
                        .thenRun(() -> ready());
            });
        }

        /** The production run against its lab rehearsal, side by side (docs/images/compare.png). */
        private void compare(Stage stage, Path dir) throws Exception {
            AuditStore store = HistoryFixture.openFilled(AuditStore.h2Url(dir.resolve("audit")));
            dev.belay.ui.history.CompareView view = new dev.belay.ui.history.CompareView();
            view.show(dev.belay.audit.compare.RunComparison.load(store, HistoryFixture.EARLIER, HistoryFixture.REHEARSAL)
                    .orElseThrow());
            stage.setScene(new Scene((Parent) view.node(), 1400, 900));
            stage.show();
            Platform.runLater(ScreenshotScenes.Scenes::ready);
        }

        private void terminal(Stage stage, Path dir) throws Exception {
            LabTerminals.Rig rig = LabTerminals.Rig.start(dir, 2, Operator.current("alice"));
            PracticeLab lab = rig.lab();
            TerminalTabs tabs = rig.tabs();
            stage.setScene(new Scene((Parent) tabs.node(), 1400, 900));
            stage.show();
            tabs.open("lab-2", LabTerminals.target(lab, "lab-2"));
            // Typed once JediTerm has passed the window's size to the PTY (it merges resizes for 500 ms),
            // so `stty size` shows the size on screen, as it does when an operator types.
            tabs.open("lab-1", LabTerminals.target(lab, "lab-1")).thenRun(() -> Platform.runLater(() -> {
                PauseTransition settle = new PauseTransition(Duration.millis(1500));
                settle.setOnFinished(e -> {
                    tabs.broadcastProperty().set(true);
                    tabs.typeInto("lab-1", "echo $TERM; stty size; printf '\\033[1;32mOK\\033[0m   service healthy\\n"
                            + "\\033[1;31mFAIL\\033[0m disk 97%% full on /var\\n'; for c in 1 2 3 4 5 6; do printf \"\\033[4${c}m    \";"
                            + " done; printf '\\033[0m\\n'; ls -la --color=always /usr/bin | head -n 12");
                    readyAfter(4000);
                });
                settle.play();
            }));
        }

        /** A broadcast to three lab hosts where lab-3's config differs: its tab marked, the lines side by side. */
        private void divergence(Stage stage, Path dir) throws Exception {
            LabTerminals.Rig rig = LabTerminals.Rig.start(dir, 3, Operator.current("alice"));
            PracticeLab lab = rig.lab();
            TerminalTabs tabs = rig.tabs();
            stage.setScene(new Scene((Parent) tabs.node(), 1400, 900));
            stage.show();
            java.util.List<java.util.concurrent.CompletableFuture<?>> opened = new java.util.ArrayList<>();
            for (String h : java.util.List.of("lab-1", "lab-2", "lab-3")) {
                String bind = h.equals("lab-3") ? "0.0.0.0" : "10.0.0.11";
                String workers = h.equals("lab-3") ? "8" : "4";
                opened.add(tabs.open(h, LabTerminals.target(lab, h)).thenCompose(p -> tabs.typeInto(h,
                        "printf 'bind_host = " + bind + "\\nport = 9696\\napi_workers = " + workers
                                + "\\ndebug = false\\n' > /root/neutron.conf; clear")));
            }
            java.util.concurrent.CompletableFuture.allOf(opened.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .thenRun(() -> Platform.runLater(() -> {
                        tabs.broadcastProperty().set(true);
                        tabs.select("lab-3");
                        new Thread(() -> {
                            sleep(1500);
                            tabs.broadcastCommand("cat /root/neutron.conf");
                            sleep(3000);
                            Platform.runLater(() -> {
                                tabs.showDifferences();
                                readyAfter(1500);
                            });
                        }).start();
                    }));
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * A recording with a marker at each step's start (as a run window writes them), replayed
         * with its steps listed and the second one jumped to (docs/images/replay-markers.png).
         */
        private void replayMarkers(Stage stage, Path dir) throws Exception {
            TestClock clock = TestClock.ticking(TestClock.MORNING);
            AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")), clock);
            String id;
            try (dev.belay.audit.Recording rec = store.startRecording("shots", "db-1", 100, 30, "db-1 terminal")) {
                id = rec.id();
                rec.marker("check-disk: Check free space on /var");
                rec.output("db-1$ df -h /var\r\nFilesystem  Size  Used Avail Use% Mounted on\r\n"
                        + "/dev/sda3    40G   14G   26G  35% /var\r\ndb-1$ ");
                clock.advance(java.time.Duration.ofSeconds(42));
                rec.marker("stop-db: Stop MariaDB on db-1");
                rec.output("sudo systemctl stop mariadb\r\ndb-1$ systemctl is-active mariadb\r\n"
                        + "\u001b[33minactive\u001b[0m\r\ndb-1$ ");
                clock.advance(java.time.Duration.ofSeconds(95));
                rec.marker("upgrade-db: Upgrade the MariaDB packages");
                rec.output("sudo apt-get install -y mariadb-server\r\nSetting up mariadb-server (1:10.11.6-0+deb12u1) ...\r\n");
                clock.advance(java.time.Duration.ofSeconds(61));
                rec.marker("start-db: Start MariaDB and check it");
                rec.output("db-1$ sudo systemctl start mariadb && systemctl is-active mariadb\r\n"
                        + "\u001b[32mactive\u001b[0m\r\ndb-1$ ");
            }
            dev.belay.ui.history.ReplayPane replay = new dev.belay.ui.history.ReplayPane();
            javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane(replay.node());
            root.setPadding(new javafx.geometry.Insets(10));
            stage.setScene(new Scene(root, 1400, 900));
            stage.show();
            replay.load(store.readRecording(id).orElseThrow());
            replay.jumpToStep(2); // the screen as "upgrade-db" began
            readyAfter(3000);
        }

        /** READY after {@code millis}, for the terminal threads to render what they were fed. */
        private static void readyAfter(long millis) {
            new Thread(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                ready();
            }).start();
        }

        /** READY once {@code shown} holds, checked on the FX thread every 50 ms. */
        private static void readyWhen(java.util.function.BooleanSupplier shown) {
            if (shown.getAsBoolean()) {
                ready();
                return;
            }
            PauseTransition again = new PauseTransition(Duration.millis(50));
            again.setOnFinished(e -> readyWhen(shown));
            again.play();
        }

        private static void ready() {
            System.out.println("READY");
            System.out.flush();
        }
    }
}
