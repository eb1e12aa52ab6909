package dev.belay.ssh.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedCaptureTest {
    private static void write(BoundedCapture c, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        c.write(b, 0, b.length);
    }

    @Test
    void keepsEverythingWhileItFits() {
        BoundedCapture c = new BoundedCapture(4, 4);
        write(c, "abc");
        write(c, "defg");
        CapturedOutput out = c.snapshot();
        assertThat(out.text()).isEqualTo("abcdefg");
        assertThat(out.truncated()).isFalse();
    }

    @Test
    void keepsHeadAndTailAndCountsWhatWasDropped() {
        BoundedCapture c = new BoundedCapture(3, 4);
        write(c, "012");
        for (int i = 0; i < 1000; i++) {
            write(c, "xy");
        }
        write(c, "345");
        write(c, "6789");
        CapturedOutput out = c.snapshot();
        assertThat(new String(out.head(), StandardCharsets.US_ASCII)).isEqualTo("012");
        assertThat(new String(out.tail(), StandardCharsets.US_ASCII)).isEqualTo("6789");
        assertThat(out.totalBytes()).isEqualTo(2010);
        assertThat(out.retainedBytes()).isEqualTo(7);
        assertThat(out.text()).isEqualTo("012\n[... 2003 bytes omitted ...]\n6789");
    }

    @Test
    void aWriteLargerThanTheTailKeepsItsEnd() {
        BoundedCapture c = new BoundedCapture(2, 3);
        write(c, "ab" + "z".repeat(50) + "end");
        assertThat(new String(c.snapshot().tail(), StandardCharsets.US_ASCII)).isEqualTo("end");
    }
}
