package dev.belay.ssh.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PidMarkerStreamTest {
    private static final byte[] TOKEN = "@belay-pid-0123abcd ".getBytes(StandardCharsets.US_ASCII);

    @Test
    void cutsTheMarkerAndReportsThePid() throws Exception {
        PidMarkerStream s = new PidMarkerStream(in("@belay-pid-0123abcd 4242\nerr1\nerr2\n", 64), TOKEN);
        assertThat(readAll(s)).isEqualTo("err1\nerr2\n");
        assertThat(s.pid()).isCompletedWithValue(4242L);
    }

    @Test
    void keepsProfileNoiseBeforeItEvenWithoutANewlineAndAcrossTinyReads() throws Exception {
        String stderr = "bashrc says hi\npartial @belay @belay-pid-0123abcd 77\ntail @belay-pid-0123abcd 5\n";
        PidMarkerStream s = new PidMarkerStream(in(stderr, 3), TOKEN);
        // Only the first whole marker goes; a later identical text is the command's own output.
        assertThat(readAll(s)).isEqualTo("bashrc says hi\npartial @belay tail @belay-pid-0123abcd 5\n");
        assertThat(s.pid()).isCompletedWithValue(77L);
    }

    @Test
    void passesLookAlikesThroughUnchanged() throws Exception {
        String stderr = "@belay-pid-0123abcd x\n@belay-pid-0123abcd \n@belay-pid-9999 1\n";
        PidMarkerStream s = new PidMarkerStream(in(stderr, 5), TOKEN);
        assertThat(readAll(s)).isEqualTo(stderr);
        assertThat(s.pid()).isCompletedExceptionally();
    }

    @Test
    void streamWithoutMarkerFailsThePidFuture() throws Exception {
        PidMarkerStream s = new PidMarkerStream(in("sh: syntax error\n", 100), TOKEN);
        CompletableFuture<Long> pid = s.pid();
        assertThat(pid).isNotDone();
        assertThat(readAll(s)).isEqualTo("sh: syntax error\n");
        assertThat(pid).isCompletedExceptionally();
    }

    private static String readAll(InputStream s) throws IOException {
        return new String(s.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Hands out at most {@code chunk} bytes per read, as a network stream may. */
    private static InputStream in(String text, int chunk) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
