package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.belay.lab.FaultSet;
import dev.belay.lab.LabClock;
import dev.belay.lab.LabTopology;
import dev.belay.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plays and a host's own shell share files: with {@link DirectoryHostFiles} under each host's
 * root, real {@code cat}, {@code sed -i} and {@code rm -rf} see and change what Galera and RabbitMQ
 * read back.
 */
class HostFilesTest {

    @TempDir
    Path roots;

    private static String sh(Path root, String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(root.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), script);
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), script + ": " + out);
        return out;
    }

    @Test
    void realShellToolsEditWhatThePlaysReadBack() throws Exception {
        TestClock wall = TestClock.stopped(LabFixture.WALL_START);
        DirectoryHostFiles files = new DirectoryHostFiles(h -> roots.resolve(h));
        try (Cluster c = Cluster.create(LabTopology.of(List.of("lab-1", "lab-2", "lab-3")), new LabClock(wall, 1.0),
                new FaultSet(), files)) {
            for (String h : List.of("lab-3", "lab-2", "lab-1")) {
                c.run(h, List.of("docker", "stop", "mariadb"), "");
            }
            Path lab2 = roots.resolve("lab-2");
            String grastate = sh(lab2, "cat var/lib/docker/volumes/mariadb/_data/grastate.dat");
            assertTrue(grastate.contains("safe_to_bootstrap: 0"), grastate);
            // The galera-recovery runbook's edit, with the real sed, then the bootstrap through docker.
            sh(lab2, "sed -i 's/^safe_to_bootstrap: *0/safe_to_bootstrap: 1/' var/lib/mysql/grastate.dat");
            c.run("lab-2", List.of("docker", "rm", "mariadb"), "");
            PlayResult run = c.run("lab-2", List.of("docker", "run", "-d", "--name", "mariadb", "-v",
                    "mariadb:/var/lib/mysql", "-e", "BOOTSTRAP_ARGS=--wsrep-new-cluster", "kolla/centos-binary-mariadb:pike"), "");
            assertEquals(0, run.exitCode(), run.stderr());
            wall.advance(GaleraPlay.STARTUP);
            assertEquals("running\n", c.run("lab-2", List.of("docker", "inspect", "-f", "{{.State.Status}}", "mariadb"), "")
                    .stdout());

            // RabbitMQ: a wiped mnesia directory means a fresh node.
            Path lab1 = roots.resolve("lab-1");
            assertTrue(Files.isDirectory(lab1.resolve("var/lib/docker/volumes/rabbitmq/_data/mnesia/rabbit@lab-1")));
            sh(lab1, "rm -rf var/lib/docker/volumes/rabbitmq/_data/mnesia && test ! -e var/lib/docker/volumes/rabbitmq/_data/mnesia");
            assertFalse(files.exists("lab-1", RabbitPlay.MNESIA));

            // kolla-ansible reads the release the operator wrote.
            sh(lab1, "sed -i 's/^openstack_release:.*/openstack_release: \"queens\"/' etc/kolla/globals.yml");
            assertEquals("queens", c.play(KollaAnsiblePlay.class).configuredRelease("lab-1").orElseThrow());
            wall.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void pathsStayInsideTheHostsRoot() {
        DirectoryHostFiles files = new DirectoryHostFiles(h -> roots.resolve(h));
        assertThrows(IllegalArgumentException.class, () -> files.write("lab-1", "/../../etc/passwd", "x"));
        assertThrows(IllegalArgumentException.class, () -> files.read("lab-1", "relative/path"));
        files.write("lab-1", "/var/tmp/a/b.txt", "hi");
        assertEquals("hi", files.read("lab-1", "/var/tmp/a/b.txt").orElseThrow());
        files.delete("lab-1", "/var/tmp/a");
        assertFalse(files.exists("lab-1", "/var/tmp/a/b.txt"));
        assertFalse(Files.exists(roots.resolve("lab-1/var/tmp/a")));
    }

    @Test
    void linksPlantedInAHostRootNeverLeadThePlaysOutOfIt() throws Exception {
        Path outside = Files.createDirectories(roots.resolve("trainer"));
        Path precious = Files.writeString(outside.resolve("bashrc"), "the trainer's own file\n");
        Path root = Files.createDirectories(roots.resolve("lab-1"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("var/lib"));
        // What a trainee can do inside the sandbox: a file link and a directory link to the trainer's files.
        Files.createSymbolicLink(root.resolve("etc/os-release"), precious);
        Files.createSymbolicLink(root.resolve("var/lib/mysql"), outside);
        DirectoryHostFiles files = new DirectoryHostFiles(h -> roots.resolve(h));

        files.write("lab-1", "/etc/os-release", "NAME=\"CentOS Linux\"\n");
        assertThrows(java.io.UncheckedIOException.class,
                () -> files.write("lab-1", "/var/lib/mysql/grastate.dat", "seqno: 1\n"));
        assertThrows(java.io.UncheckedIOException.class, () -> files.delete("lab-1", "/var/lib/mysql/bashrc"));

        assertEquals("the trainer's own file\n", Files.readString(precious));
        assertFalse(Files.exists(outside.resolve("grastate.dat")));
        assertFalse(Files.isSymbolicLink(root.resolve("etc/os-release")), "the played file replaced the link");
        assertEquals("NAME=\"CentOS Linux\"\n", Files.readString(root.resolve("etc/os-release")));
        assertTrue(files.read("lab-1", "/var/lib/mysql/bashrc").isEmpty(), "nothing is read through the link");
    }

    /**
     * A host root's /etc is copied from the machine's with its links: a played file replaces the
     * link in the host root instead of writing through it to the machine's own file.
     */
    @Test
    void aPlayedFileReplacesALinkInsteadOfWritingThroughIt() throws Exception {
        Path outside = Files.writeString(roots.resolve("machine-os-release"), "the machine's own\n");
        Path etc = Files.createDirectories(roots.resolve("lab-1/etc"));
        Files.createSymbolicLink(etc.resolve("os-release"), outside);
        Files.createSymbolicLink(etc.resolve("dangling"), Path.of("../usr/lib/os-release"));
        DirectoryHostFiles files = new DirectoryHostFiles(h -> roots.resolve(h));

        files.write("lab-1", "/etc/os-release", "NAME=\"CentOS Linux\"\n");
        files.write("lab-1", "/etc/dangling", "played\n");

        assertEquals("the machine's own\n", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(etc.resolve("os-release")));
        assertEquals("NAME=\"CentOS Linux\"\n", files.read("lab-1", "/etc/os-release").orElseThrow());
        assertEquals("played\n", files.read("lab-1", "/etc/dangling").orElseThrow());
    }
}
