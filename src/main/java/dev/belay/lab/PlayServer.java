package dev.belay.lab;

import dev.belay.lab.play.CommandPlayer;
import dev.belay.lab.play.PlayResult;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the played commands' shims on a Unix-domain socket that each sandbox gets bound in (the
 * sandboxes have no network). A shim sends its host, argv and piped stdin; this plays the call with
 * the {@link CommandPlayer} and answers with framed stdout, stderr and the exit status.
 *
 * <p>Request: {@code BELAY-PLAY 1\n}, the item count, then each item (host, session kind {@code exec} or
 * {@code shell}, argv...) and finally the
 * stdin, each as {@code <byte length>\n<bytes>}. Answer: frames of one type byte ({@code o} stdout,
 * {@code e} stderr, {@code x} exit status) and a 4-byte big-endian length, then the bytes.
 */
final class PlayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlayServer.class);
    private static final String MAGIC = "BELAY-PLAY 1";
    /** Bounds what one call may send, so a runaway pipe cannot fill the lab's heap. */
    private static final int MAX_ITEM = 64 << 20;

    /** What the lab does before each played call: host faults such as slow@H. */
    interface Around {
        void before(String host, boolean fromShell) throws InterruptedException;

        /** After the call: the host's files follow the cluster's new state. */
        void after(String host);
    }

    private final ServerSocketChannel server;
    private final Path socket;
    private final CommandPlayer player;
    private final Around around;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lab-play");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private PlayServer(ServerSocketChannel server, Path socket, CommandPlayer player, Around around) {
        this.server = server;
        this.socket = socket;
        this.player = player;
        this.around = around;
    }

    static PlayServer start(Path socket, CommandPlayer player, Around around) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ch.bind(UnixDomainSocketAddress.of(socket));
        PlayServer s = new PlayServer(ch, socket, player, around);
        Thread t = new Thread(s::acceptLoop, "lab-play-accept");
        t.setDaemon(true);
        t.start();
        return s;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel c = server.accept();
                workers.execute(() -> serve(c));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("lab: the played commands' socket {} failed: {}", socket, e.toString());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c; InputStream in = Channels.newInputStream(c); OutputStream out = Channels.newOutputStream(c)) {
            Request r = read(in);
            PlayResult result;
            try {
                around.before(r.host(), r.fromShell());
                String name = r.argv().get(0);
                if (!player.commands().contains(name)) {
                    // A masked binary (systemctl, shutdown, ...) that no play answers.
                    result = PlayResult.fail(127, name + ": not available on practice lab host " + r.host()
                            + " (the lab does not play it, and the machine's own " + name
                            + " is kept out of the sandbox)\n");
                } else if (!player.isUp(r.host())) {
                    result = PlayResult.fail(255, name + ": " + r.host() + " is down\n");
                } else {
                    result = player.run(r.host(), r.argv(), r.stdin());
                    around.after(r.host());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = PlayResult.fail(130, r.argv().get(0) + ": interrupted: the practice lab is stopping\n");
            } catch (RuntimeException e) {
                LOG.warn("lab: playing {} on {} failed", r.argv(), r.host(), e);
                result = PlayResult.fail(70, r.argv().get(0) + ": the practice lab failed to play this command: "
                        + e + "\n");
            }
            DataOutputStream d = new DataOutputStream(out);
            frame(d, 'o', result.stdout().getBytes(StandardCharsets.UTF_8));
            frame(d, 'e', result.stderr().getBytes(StandardCharsets.UTF_8));
            d.writeByte('x');
            d.writeInt(4);
            d.writeInt(result.exitCode());
            d.flush();
        } catch (IOException e) {
            LOG.debug("lab: a played command's connection ended early: {}", e.toString());
        }
    }

    private static void frame(DataOutputStream d, char type, byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        d.writeByte(type);
        d.writeInt(bytes.length);
        d.write(bytes);
    }

    /** One call as the shim sent it. */
    record Request(String host, boolean fromShell, List<String> argv, String stdin) {
    }

    static Request read(InputStream in) throws IOException {
        String magic = line(in);
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a played command: " + magic);
        }
        int count = Integer.parseInt(line(in));
        if (count < 3 || count > 100_000) {
            throw new IOException("bad item count " + count);
        }
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(item(in));
        }
        String stdin = item(in);
        return new Request(items.get(0), "shell".equals(items.get(1)), items.subList(2, items.size()), stdin);
    }

    private static String item(InputStream in) throws IOException {
        int len = Integer.parseInt(line(in));
        if (len < 0 || len > MAX_ITEM) {
            throw new IOException("item of " + len + " bytes");
        }
        return new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("connection ended mid-request");
            }
            if (b.size() > 64) {
                throw new IOException("header line too long");
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        workers.shutdownNow();
        Files.deleteIfExists(socket);
    }
}
