package dev.belay.ui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastCaptureTest {

    @Test
    void keepsTheLinesBetweenTheEchoedCommandAndTheNextPrompt() {
        String raw = "t /root/f\r\n\u001B[?2004l\ra\r\n\u001B[31mb\u001B[0m\r\nc\r\n\u001B]0;title\u0007lab-1$ ";
        assertThat(BroadcastCapture.commandOutput(raw)).isEqualTo("a\nb\nc\n");
    }

    @Test
    void aCommandThatPrintsNothingOrOnlyEchoesYieldsNothing() {
        assertThat(BroadcastCapture.commandOutput("\r\nlab-2$ ")).isEmpty();
        assertThat(BroadcastCapture.commandOutput("cat /root/f")).isEmpty();
    }

    @Test
    void outputsComeBackPerHostInTabOrder() {
        BroadcastCapture c = new BroadcastCapture(List.of("lab-1", "lab-2"));
        c.output("lab-2", "\r\nyes\r\nlab-2$ ");
        c.output("lab-1", "\r\nno\r\nlab-1$ ");
        c.output("elsewhere", "ignored");
        assertThat(c.commandOutputs()).containsExactly(
                java.util.Map.entry("lab-1", "no\n"), java.util.Map.entry("lab-2", "yes\n"));
    }

    @Test
    void aFloodIsKeptToItsFirstPart() {
        BroadcastCapture c = new BroadcastCapture(List.of("lab-1"));
        String line = "x".repeat(99) + "\n";
        for (int i = 0; i < 4000; i++) {
            c.output("lab-1", line);
        }
        assertThat(c.commandOutputs().get("lab-1").length()).isLessThanOrEqualTo(BroadcastCapture.MAX_CHARS)
                .isGreaterThan(BroadcastCapture.MAX_CHARS - 2 * line.length());
    }
}
