package dev.belay.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The lab's own {@code bin} directory, first on every simulated host's PATH: {@code hostname}
 * answers with the simulated host's name, since runbooks often print it to show where they are.
 */
final class LabBin {

    private static final String HOSTNAME = "#!/bin/sh\n"
            + "# Belay practice lab: each simulated host answers with its own name.\n"
            + "echo \"$BELAY_HOST\"\n";

    private LabBin() {
    }

    /** Writes the stand-ins (every start, so an upgrade refreshes them) and returns the directory. */
    static Path install(Path base) throws IOException {
        Path bin = Files.createDirectories(base.resolve("bin"));
        Path hostname = bin.resolve("hostname");
        Files.writeString(hostname, HOSTNAME);
        Files.setPosixFilePermissions(hostname, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
