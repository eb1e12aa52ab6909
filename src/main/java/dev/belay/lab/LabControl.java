package dev.belay.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running lab's control channel for {@code belay lab fault} and {@code belay lab reset}: a
 * Unix-domain socket in the lab's socket directory (readable by the trainer only, and never bound
 * into a sandbox, so a lab host cannot inject faults or reset its own lab). One request line
 * ({@code fault KIND@HOST}, {@code reset}, {@code status}); the answer is text lines, the last of
 * which is {@code ok} or {@code error: MESSAGE}.
 */
final class LabControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LabControl.class);

    private final ServerSocketChannel server;
    private final Path socket;
    private volatile boolean closed;

    private LabControl(ServerSocketChannel server, Path socket) {
        this.server = server;
        this.socket = socket;
    }

    /** Serves {@code handler}: it gets the request line and returns the answer (without the ok). */
    static LabControl start(Path socket, Function<String, String> handler) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        LabControl c = new LabControl(ch, socket);
        Thread t = new Thread(() -> c.loop(handler), "lab-control");
        t.setDaemon(true);
        t.start();
        return c;
    }

    private void loop(Function<String, String> handler) {
        while (!closed) {
            try (SocketChannel c = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c),
                         StandardCharsets.UTF_8));
                 OutputStream raw = Channels.newOutputStream(c);
                 PrintWriter out = new PrintWriter(raw, true, StandardCharsets.UTF_8)) {
                String request = in.readLine();
                String answer;
                try {
                    answer = handler.apply(request == null ? "" : request.strip());
                    out.print(answer.isEmpty() || answer.endsWith("\n") ? answer : answer + "\n");
                    out.println("ok");
                } catch (RuntimeException e) {
                    out.println("error: " + e.getMessage());
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("lab: control request failed: {}", e.toString());
                }
            }
        }
    }

    /**
     * Sends {@code request} to the lab running in {@code base}. Returns its answer; throws with a
     * clear message when no lab runs there or the lab refused.
     */
    static String send(Path base, String request) throws IOException {
        Path socket = LabSockets.dir(base).resolve(LabSockets.CONTROL);
        if (!Files.exists(socket)) {
            throw new NoLabRunning("no practice lab is running in " + base + " (no " + socket
                    + "); start one with: belay lab start --dir " + base);
        }
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            OutputStream out = Channels.newOutputStream(c);
            out.write((request + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            c.shutdownOutput();
            String answer = new String(Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
            int last = answer.stripTrailing().lastIndexOf('\n');
            String status = answer.stripTrailing().substring(last + 1);
            String body = last < 0 ? "" : answer.substring(0, last + 1);
            if (status.startsWith("error: ")) {
                throw new IOException(status.substring("error: ".length()));
            }
            if (!status.equals("ok")) {
                throw new IOException("the practice lab in " + base + " gave no answer to: " + request);
            }
            return body;
        } catch (java.net.SocketException e) {
            throw new NoLabRunning("no practice lab is running in " + base + " (" + socket + " does not answer: "
                    + e.getMessage() + "); start one with: belay lab start --dir " + base);
        }
    }

    /** Nothing answers on the control socket. */
    static final class NoLabRunning extends IOException {
        NoLabRunning(String message) {
            super(message);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        Files.deleteIfExists(socket);
    }
}
