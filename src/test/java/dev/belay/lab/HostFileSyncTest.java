package dev.belay.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The played files land in the host's root and never through a link that leaves it. */
class HostFileSyncTest {

    @TempDir
    Path dir;

    @Test
    void aFileBehindALinkOutOfTheRootIsSkippedAndTheOthersAreWritten() throws Exception {
        Path root = dir.resolve("lab-1");
        Path outside = Files.createDirectories(dir.resolve("machine-run"));
        Files.createDirectories(root.resolve("var"));
        // As HostRoot links /var/run to /run: outside the sandbox that is the machine's own /run.
        Files.createSymbolicLink(root.resolve("var/run"), outside);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("/var/run/ceph/.keep", "");
        files.put("/var/lib/ceph/osd/ceph-0/whoami", "0\n");
        files.put("/etc/redhat-release", "CentOS Linux release 7.3.1611 (Core) \n");

        HostFileSync.write(new LabHost("lab-1", root), files);

        assertFalse(Files.exists(outside.resolve("ceph")), "nothing written through the link");
        assertEquals("0\n", Files.readString(root.resolve("var/lib/ceph/osd/ceph-0/whoami")));
        assertEquals("CentOS Linux release 7.3.1611 (Core) \n", Files.readString(root.resolve("etc/redhat-release")));
    }
}
