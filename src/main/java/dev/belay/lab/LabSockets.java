package dev.belay.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a lab's Unix-domain sockets live: {@code run/} under the lab directory, or, where that path
 * is too long for a socket address (about 100 bytes), a directory in /tmp named after the lab
 * directory, so the CLI finds the same place from the lab directory alone.
 */
final class LabSockets {

    static final String PLAY = "play.sock";
    static final String CONTROL = "control.sock";
    private static final int MAX_SOCKET_PATH = 100;

    private LabSockets() {
    }

    static Path dir(Path base) {
        Path abs = base.toAbsolutePath().normalize();
        Path run = abs.resolve("run");
        if (run.resolve(CONTROL).toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return run;
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(abs.toString().getBytes(StandardCharsets.UTF_8));
            return Path.of(System.getProperty("java.io.tmpdir"), "belay-lab-" + HexFormat.of().formatHex(d, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates the directory, readable by the trainer only. */
    static Path create(Path base) throws IOException {
        Path dir = Files.createDirectories(dir(base));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
