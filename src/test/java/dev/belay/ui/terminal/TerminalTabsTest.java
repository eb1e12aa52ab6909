package dev.belay.ui.terminal;

import static dev.belay.ui.terminal.LabTerminals.await;
import static dev.belay.ui.terminal.LabTerminals.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.Operator;
import dev.belay.lab.PracticeLab;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Live terminals on the practice lab, for real: JediTermFX over sshj PTY shells, recorded to H2. */
@ExtendWith(ApplicationExtension.class)
class TerminalTabsTest {

    private LabTerminals.Rig rig;
    private PracticeLab lab;
    private AuditStore store;
    private TerminalTabs tabs;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        rig = LabTerminals.Rig.start(Files.createTempDirectory("belay-terminals"), 2, new Operator("alice", "alice", "ws-1"));
        lab = rig.lab();
        store = rig.store();
        tabs = rig.tabs();
        rig.show(stage);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void typesResizesRecordsAndMasksAPassword(FxRobot robot) throws Exception {
        TerminalPane one = onFx(() -> tabs.open("lab-1", LabTerminals.target(lab, "lab-1"))).get(30, TimeUnit.SECONDS);
        await("the lab-1 prompt", 20, () -> one.screenText().contains("lab-1$"));

        tabs.typeInto("lab-1", "echo hello-$((6*7))").get(30, TimeUnit.SECONDS);
        await("hello-42 on screen", 20, () -> one.screenText().contains("\nhello-42"));

        // The PTY follows the pane: shrink the window and the remote side sees the new size.
        int colsBefore = one.widget().getTerminalTextBuffer().getWidth();
        robot.interact(() -> stage.setWidth(640));
        await("a narrower terminal", 30, () -> one.widget().getTerminalTextBuffer().getWidth() < colsBefore);
        int cols = one.widget().getTerminalTextBuffer().getWidth();
        int rows = one.widget().getTerminalTextBuffer().getHeight();
        WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS); // JediTerm merges resizes for 500 ms
        tabs.typeInto("lab-1", "stty size").get(30, TimeUnit.SECONDS);
        await("stty size " + rows + " " + cols, 20, () -> one.screenText().contains(rows + " " + cols));

        // A password typed by the operator's keyboard at a prompt is masked in the recording.
        tabs.typeInto("lab-1", "printf 'Password: '; read -rs p; echo; echo \"got ${#p} chars\"").get(30, TimeUnit.SECONDS);
        await("the password prompt", 20, () -> one.screenText().contains("Password: "));
        robot.clickOn(one.node());
        robot.write("hunter2").type(KeyCode.ENTER);
        await("the answer read", 20, () -> one.screenText().contains("got 7 chars"));

        String recordingId = one.recordingId();
        onFx(() -> tabs.close()).get(20, TimeUnit.SECONDS);

        List<AuditEvent> events = store.timeline("run-1");
        assertThat(events).extracting(AuditEvent::type)
                .containsSubsequence(EventType.TERMINAL_OPENED, EventType.TERMINAL_CLOSED);
        assertThat(events.get(events.size() - 1).text("sha256")).hasSize(64);
        String cast = store.readRecording(recordingId).orElseThrow();
        assertThat(cast).startsWith("{\"version\":2").contains("hello-42").contains("got 7 chars")
                .contains("\"i\",\"******\\r\"").doesNotContain("hunter2");
        assertThat(store.verify().intact()).isTrue();
    }

    @Test
    void broadcastReachesEveryCheckedHostAndCopyPasteWork(FxRobot robot) throws Exception {
        TerminalPane one = onFx(() -> tabs.open("lab-1", LabTerminals.target(lab, "lab-1"))).get(30, TimeUnit.SECONDS);
        TerminalPane two = onFx(() -> tabs.open("lab-2", LabTerminals.target(lab, "lab-2"))).get(30, TimeUnit.SECONDS);
        await("both prompts", 20, () -> one.screenText().contains("lab-1$") && two.screenText().contains("lab-2$"));

        robot.interact(() -> tabs.broadcastProperty().set(true));
        robot.clickOn(two.node());
        robot.write("echo both-$((1+1))").type(KeyCode.ENTER);
        await("both-2 on lab-1 and lab-2", 20,
                () -> one.screenText().contains("\nboth-2") && two.screenText().contains("\nboth-2"));

        robot.interact(() -> tabs.setBroadcastTargets(java.util.Set.of("lab-2")));
        robot.write("echo only-$((2+2))").type(KeyCode.ENTER);
        await("only-4 on lab-2", 20, () -> two.screenText().contains("\nonly-4"));
        assertThat(one.screenText()).doesNotContain("only-4");
        robot.interact(() -> tabs.broadcastProperty().set(false));

        // Copy: Ctrl+Shift+C copies the selection; paste: Ctrl+Shift+V types the clipboard.
        robot.interact(() -> two.widget().getTerminalPanel().selectAll());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString())).contains("only-4");
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString("echo pasted-$((2+3))");
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.V).release(KeyCode.V, KeyCode.SHIFT, KeyCode.CONTROL);
        robot.type(KeyCode.ENTER);
        await("pasted-5 on lab-2", 20, () -> two.screenText().contains("\npasted-5"));

        // One terminal closed as its tab's close button closes it: its tab gone, its session sealed, the other open.
        onFx(() -> tabs.close("lab-2")).get(20, TimeUnit.SECONDS);
        assertThat(onFx(() -> tabs.terminal("lab-2").isPresent())).as("lab-2's terminal").isFalse();
        assertThat(onFx(() -> tabs.terminal("lab-1").isPresent())).as("lab-1's terminal still open").isTrue();
        assertThat(store.timeline("run-1")).filteredOn(e -> e.type() == EventType.TERMINAL_CLOSED)
                .extracting(AuditEvent::targetHost).containsExactly("lab-2");
        tabs.typeInto("lab-1", "echo still-$((3*3))").get(30, TimeUnit.SECONDS);
        await("still-9 on lab-1", 20, () -> one.screenText().contains("\nstill-9"));
    }
}
