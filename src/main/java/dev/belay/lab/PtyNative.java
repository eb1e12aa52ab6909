package dev.belay.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives pty4j one lasting place to extract its native library. By default it extracts into a new
 * temp directory on every JVM start and never deletes it, so each run would leave one behind.
 */
final class PtyNative {

    private static final String PROPERTY = "pty4j.tmpdir";

    private PtyNative() {
    }

    /** Points pty4j at {@code ~/.belay/pty4j}, unless someone already chose a place or it can't be made. */
    static synchronized void configure() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path dir = Path.of(System.getProperty("user.home"), ".belay", "pty4j");
        try {
            Files.createDirectories(dir);
            System.setProperty(PROPERTY, dir.toAbsolutePath().toString());
        } catch (IOException e) {
            // pty4j falls back to its own temp directory: still works, only leaves it behind.
        }
    }
}
