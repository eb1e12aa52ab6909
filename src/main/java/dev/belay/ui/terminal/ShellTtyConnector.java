package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.belay.ssh.exec.PtyShell;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JediTermFX's view of an SSH PTY shell. JediTerm calls {@link #read} from its own emulator thread
 * and {@link #write} from its own writer thread, so no SSH I/O happens on the FX thread. What the
 * operator types goes to {@code typed} (which may broadcast it) rather than straight to the shell.
 */
final class ShellTtyConnector implements TtyConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ShellTtyConnector.class);

    private final PtyShell shell;
    private final Reader reader;
    private final Consumer<String> output;
    private final Consumer<byte[]> typed;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    ShellTtyConnector(PtyShell shell, Consumer<String> output, Consumer<byte[]> typed, Runnable onClose) {
        this.shell = shell;
        this.reader = new InputStreamReader(shell.input(), StandardCharsets.UTF_8);
        this.output = output;
        this.typed = typed;
        this.onClose = onClose;
    }

    @Override
    public int read(char[] buf, int offset, int length) throws IOException {
        int n;
        try {
            n = reader.read(buf, offset, length);
        } catch (IOException e) {
            if (closed.get() || !shell.isOpen()) {
                n = -1; // the shell went away while we waited: that is an end, not an error
            } else {
                throw e;
            }
        }
        if (n > 0) {
            output.accept(new String(buf, offset, n));
        } else if (n < 0) {
            close();
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) {
        typed.accept(bytes);
    }

    @Override
    public void write(String string) {
        write(string.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isConnected() {
        return !closed.get() && shell.isOpen();
    }

    @Override
    public void resize(TermSize size) {
        try {
            shell.resize(size.getColumns(), size.getRows());
        } catch (IOException e) {
            LOG.warn("Cannot resize the terminal of {} to {}: {}", shell.host(), size, e.getMessage());
        }
    }

    @Override
    public int waitFor() throws InterruptedException {
        while (isConnected()) {
            shell.awaitClosed(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        return 0;
    }

    @Override
    public boolean ready() throws IOException {
        return reader.ready();
    }

    @Override
    public String getName() {
        return shell.host();
    }

    /** Idempotent: JediTerm's widget closes its connector too, and so does the end of the stream. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            shell.close();
            onClose.run();
        }
    }
}
