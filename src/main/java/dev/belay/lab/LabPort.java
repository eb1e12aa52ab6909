package dev.belay.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Remembers the lab's last port so that a restart can take it again: an operator's ssh command,
 * a known_hosts entry and an inventory copied elsewhere stay valid across restarts.
 */
final class LabPort {

    static final String FILE = "port";

    private LabPort() {
    }

    /** The port of the last start if it can be bound now, otherwise 0 (any free port). */
    static int previousIfFree(Path base) {
        int previous = read(base.resolve(FILE));
        return previous > 0 && isFree(previous) ? previous : 0;
    }

    static void remember(Path base, int port) throws IOException {
        Files.writeString(base.resolve(FILE), port + "\n");
    }

    private static int read(Path file) {
        try {
            int port = Integer.parseInt(Files.readString(file).strip());
            return port > 0 && port <= 65535 ? port : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // no usable record: any free port will do
        }
    }

    // Probing first keeps MINA from logging a bind failure when the old port is taken.
    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(PracticeLab.ADDRESS))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
