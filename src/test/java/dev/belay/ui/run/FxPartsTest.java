package dev.belay.ui.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ui.fx.FxEvents;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The FX-thread adapter and the host-key dialog, on the real (headless) FX thread. */
@ExtendWith(ApplicationExtension.class)
class FxPartsTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @Test
    void eventsFromManyThreadsArriveInOrderInFewBatchesOnTheFxThread() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        AtomicBoolean offFx = new AtomicBoolean();
        AtomicInteger seen = new AtomicInteger();
        FxEvents<String> events = new FxEvents<>(batch -> {
            if (!Platform.isFxApplicationThread()) {
                offFx.set(true);
            }
            batches.add(batch);
            seen.addAndGet(batch.size());
        });
        // Round 1: the FX thread is busy (held by a latch) while every thread sends: all of it must
        // come over as one batch. Holding the thread makes "busy" certain; how small batches get on
        // an idle FX thread depends on the scheduler, so no bound on that is asserted.
        CountDownLatch fxHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Platform.runLater(() -> {
            fxHeld.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(fxHeld.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            send(events, threads, perThread, 0);
        } finally {
            release.countDown();
        }
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> seen.get() == threads * perThread);
        assertThat(batches).as("everything sent while the FX thread was busy").hasSize(1);

        // Round 2: sends racing the drains: nothing lost, nothing reordered within a sender.
        send(events, threads, perThread, perThread);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> seen.get() == 2 * threads * perThread);
        assertThat(offFx).isFalse();
        int[] next = new int[threads];
        for (List<String> b : batches) {
            for (String e : b) {
                int id = Integer.parseInt(e.substring(0, e.indexOf(':')));
                assertThat(Integer.parseInt(e.substring(e.indexOf(':') + 1))).isEqualTo(next[id]++);
            }
        }
        assertThat(next).containsOnly(2 * perThread);
    }

    private static void send(FxEvents<String> events, int threads, int perThread, int from) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int t = 0; t < threads; t++) {
                int id = t;
                pool.execute(() -> {
                    for (int i = from; i < from + perThread; i++) {
                        events.accept(id + ":" + i);
                    }
                });
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theHostKeyQuestionWaitsOnTheSshThreadAndShowsTheFingerprint(FxRobot robot) throws Exception {
        HostKeyDialog dialog = new HostKeyDialog(stage);
        HostKeyPrompt.UnknownHostKey key = new HostKeyPrompt.UnknownHostKey("[127.0.0.1]:2222", "ssh-ed25519",
                "SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        CompletableFuture<HostKeyPrompt.Answer> answer = CompletableFuture.supplyAsync(() -> dialog.ask(key));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#host-key-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#hostkey-fingerprint").queryAs(TextField.class).getText()).isEqualTo(key.fingerprint());
        assertThat(robot.lookup("#hostkey-type").queryAs(TextField.class).getText()).isEqualTo("ssh-ed25519");
        assertThat(robot.lookup("#hostkey-host").queryAs(TextField.class).getText()).isEqualTo("[127.0.0.1]:2222");
        assertThat(answer).isNotDone();
        press(robot, HostKeyDialog.ONCE);
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo(HostKeyPrompt.Answer.ACCEPT_ONCE);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#host-key-dialog").tryQuery().isEmpty());
        CompletableFuture<HostKeyPrompt.Answer> second = CompletableFuture.supplyAsync(() -> dialog.ask(key));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#host-key-dialog").tryQuery().isPresent());
        press(robot, HostKeyDialog.REJECT);
        assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo(HostKeyPrompt.Answer.REJECT);
    }

    @Test
    void thePassphraseQuestionWaitsOnTheSshThreadAndHandsOverWhatWasTyped(FxRobot robot) throws Exception {
        PassphraseDialog dialog = new PassphraseDialog(stage);
        java.nio.file.Path key = java.nio.file.Path.of("/home/op/.ssh/id_ed25519");
        CompletableFuture<char[]> answer = CompletableFuture.supplyAsync(() -> dialog.passphrase(key));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#passphrase-dialog").tryQuery().isPresent());
        assertThat(robot.lookup("#passphrase-dialog").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .contains(key.toString());
        assertThat(answer).isNotDone();
        WaitForAsyncUtils.asyncFx(() -> robot.lookup("#passphrase-field")
                .queryAs(javafx.scene.control.PasswordField.class).setText("open sesame")).get(20, TimeUnit.SECONDS);
        press(robot, "#passphrase-dialog", PassphraseDialog.UNLOCK);
        assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("open sesame".toCharArray());

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#passphrase-dialog").tryQuery().isEmpty());
        CompletableFuture<char[]> skipped = CompletableFuture.supplyAsync(() -> dialog.passphrase(key));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#passphrase-dialog").tryQuery().isPresent());
        press(robot, "#passphrase-dialog", PassphraseDialog.SKIP);
        assertThat(skipped.get(20, TimeUnit.SECONDS)).isNull();
    }

    private static void press(FxRobot robot, javafx.scene.control.ButtonType type) throws Exception {
        press(robot, "#host-key-dialog", type);
    }

    /** Presses a dialog button as the operator's click does (fire on the FX thread). */
    private static void press(FxRobot robot, String dialogId, javafx.scene.control.ButtonType type) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.control.DialogPane pane = robot.lookup(dialogId).query();
            ((javafx.scene.control.Button) pane.lookupButton(type)).fire();
        }).get(20, TimeUnit.SECONDS);
    }
}
