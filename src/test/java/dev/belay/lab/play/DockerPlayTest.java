package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DockerPlayTest {

    private final LabFixture lab = new LabFixture(3);

    @AfterEach
    void close() {
        lab.close();
    }

    @Test
    void psPrintsDockersTableWithTwentyWideColumns() {
        String one = lab.out("lab-1", "docker ps --filter name=^mariadb$");
        String[] rows = one.split("\n");
        assertEquals(2, rows.length, one);
        assertEquals("CONTAINER ID        IMAGE                              COMMAND                  "
                + "CREATED             STATUS              PORTS               NAMES", rows[0]);
        assertTrue(rows[1].matches("[0-9a-f]{12} {8}kolla/centos-binary-mariadb:pike {3}\"dumb-init --single-…\" {3}"
                + "2 weeks ago {9}Up 2 weeks {30}mariadb"), rows[1]);
        String out = lab.out("lab-1", "docker ps");
        String[] lines = out.split("\n");
        // Newest first: the containers were deployed in order, so the first deployed is listed last.
        assertTrue(lines[lines.length - 1].endsWith(" mariadb"), lines[lines.length - 1]);
        int names = lines[0].indexOf("NAMES");
        for (String line : lines) {
            assertEquals(' ', line.charAt(names - 1), line);
            assertTrue(line.charAt(names) != ' ', "every row's NAMES column starts where the header's does: " + line);
        }
        assertTrue(out.contains(" nova_compute\n"), "lab-1 is also a compute in a 3-host lab");
    }

    @Test
    void psFilterAndFormatAsTheRunbooksUseThem() {
        assertEquals("mariadb kolla/centos-binary-mariadb:pike Up 2 weeks\n",
                lab.out("lab-2", "docker ps --filter 'name=^mariadb$' --format '{{.Names}} {{.Image}} {{.Status}}'"));
        assertEquals("", lab.out("lab-2", "docker ps --filter 'name=^maria$' --format '{{.Names}}'"));
        assertEquals("", lab.out("lab-1", "docker ps -q --filter health=unhealthy"));
        assertEquals("", lab.out("lab-1", "docker ps -q --filter status=restarting"));
        String q = lab.out("lab-1", "docker ps -q --filter name=^rabbitmq$");
        assertTrue(q.matches("[0-9a-f]{12}\n"), q);
        assertEquals("NAMES               STATUS\nmariadb             Up 2 weeks\n",
                lab.out("lab-1", "docker ps --filter name=^mariadb$ --format 'table {{.Names}}\\t{{.Status}}'"));
        PlayResult bad = lab.run("lab-1", "docker ps --format '{{.Nope}}'");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("can't evaluate field Nope"), bad.stderr());
    }

    @Test
    void stopShowsExitedOnlyWithAllAndStartComesBack() {
        assertEquals("mariadb\n", lab.out("lab-1", "docker stop mariadb"));
        assertEquals("", lab.out("lab-1", "docker ps --filter name=^mariadb$ --format '{{.Names}}'"));
        lab.pass(Duration.ofMinutes(3));
        assertEquals("Exited (0) 3 minutes ago\n",
                lab.out("lab-1", "docker ps -a --filter name=^mariadb$ --format '{{.Status}}'"));
        PlayResult exec = lab.run("lab-1", "docker exec mariadb mysql -uroot -px -e 'SELECT 1'");
        assertEquals(1, exec.exitCode());
        assertTrue(exec.stderr().matches("Error response from daemon: Container [0-9a-f]{64} is not running\n"),
                exec.stderr());
        assertEquals("mariadb\n", lab.out("lab-1", "docker start mariadb"));
        assertEquals("Up Less than a second\n",
                lab.out("lab-1", "docker ps --filter name=^mariadb$ --format '{{.Status}}'"));
        lab.pass(Duration.ofSeconds(90));
        assertEquals("Up About a minute\n", lab.out("lab-1", "docker ps --filter name=^mariadb$ --format '{{.Status}}'"));
        assertEquals("mariadb\n", lab.out("lab-1", "docker restart mariadb"));
        assertEquals("running\n", lab.out("lab-1", "docker inspect -f '{{.State.Status}}' mariadb"));
    }

    @Test
    void unknownContainersFailAsDockerSays() {
        PlayResult stop = lab.run("lab-1", "docker stop nope");
        assertEquals(1, stop.exitCode());
        assertEquals("Error response from daemon: No such container: nope\n", stop.stderr());
        PlayResult inspect = lab.run("lab-1", "docker inspect nope");
        assertEquals(1, inspect.exitCode());
        assertEquals("[]\n", inspect.stdout());
        assertEquals("Error: No such object: nope\n", inspect.stderr());
        PlayResult exec = lab.run("lab-1", "docker exec nope ls");
        assertEquals("Error: No such container: nope\n", exec.stderr());
        PlayResult notThere = lab.run("lab-1", "docker exec keystone frobnicate");
        assertEquals(126, notThere.exitCode());
        assertTrue(notThere.stderr().contains("executable file not found in $PATH"), notThere.stderr());
    }

    @Test
    void inspectPrintsJsonAndGoTemplates() throws Exception {
        assertEquals("running\n", lab.out("lab-1", "docker inspect -f '{{.State.Status}}' mariadb"));
        assertEquals("true\n", lab.out("lab-1", "docker inspect --format '{{.State.Running}}' mariadb"));
        assertEquals("kolla/centos-binary-rabbitmq:pike\n", lab.out("lab-1", "docker inspect --format={{.Config.Image}} rabbitmq"));
        assertEquals("unless-stopped\n", lab.out("lab-1", "docker inspect -f '{{.HostConfig.RestartPolicy.Name}}' mariadb"));
        String json = lab.out("lab-1", "docker inspect mariadb");
        assertTrue(json.startsWith("[\n    {\n        \"Id\": \""), json);
        JsonNode doc = new ObjectMapper().readTree(json);
        assertEquals(1, doc.size());
        assertEquals("/mariadb", doc.get(0).get("Name").asText());
        assertEquals("running", doc.get(0).get("State").get("Status").asText());
        assertEquals("/var/lib/docker/volumes/mariadb/_data",
                doc.get(0).get("Mounts").get(3).get("Source").asText());
        assertTrue(lab.out("lab-1", "docker inspect -f '{{json .State}}' mariadb").startsWith("{\"Status\":\"running\","));
    }

    @Test
    void renameRunRmAndTheirConflicts() {
        PlayResult conflict = lab.run("lab-1", "docker run -d --name mariadb kolla/centos-binary-mariadb:queens");
        assertEquals(125, conflict.exitCode());
        assertTrue(conflict.stderr().startsWith("docker: Error response from daemon: Conflict. The container name "
                + "\"/mariadb\" is already in use by container \""), conflict.stderr());
        assertTrue(conflict.stderr().endsWith("See 'docker run --help'.\n"), conflict.stderr());

        PlayResult running = lab.run("lab-1", "docker rm keystone");
        assertEquals(1, running.exitCode());
        assertTrue(running.stderr().startsWith("Error response from daemon: You cannot remove a running container "),
                running.stderr());

        lab.out("lab-1", "docker stop keystone");
        assertEquals("", lab.out("lab-1", "docker rename keystone keystone_old"));
        PlayResult run = lab.run("lab-1", "docker run -d --name keystone --net host --restart unless-stopped "
                + "-v /etc/kolla/keystone/:/var/lib/kolla/config_files/:ro -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS "
                + "kolla/centos-binary-keystone:queens");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().matches("[0-9a-f]{64}\n"), run.stdout());
        assertTrue(run.stderr().startsWith("Unable to find image 'kolla/centos-binary-keystone:queens' locally\n"
                + "queens: Pulling from kolla/centos-binary-keystone\n"), run.stderr());
        assertEquals("keystone kolla/centos-binary-keystone:queens\n",
                lab.out("lab-1", "docker ps --filter name=^keystone --format '{{.Names}} {{.Image}}'"));
        assertEquals("keystone_old\n", lab.out("lab-1", "docker ps -a --filter status=exited --format '{{.Names}}'"));
        assertEquals("keystone_old\n", lab.out("lab-1", "docker rm keystone_old"));
        assertEquals("keystone\n", lab.out("lab-1", "docker rm -f keystone"));
        assertEquals("", lab.out("lab-1", "docker ps -a --filter name=keystone --format '{{.Names}}'"));
        assertFalse(lab.cluster.services().get("lab-1", "keystone").isPresent());
    }

    @Test
    void pullDownloadsOnceAndRefusesUnknownTags() {
        String first = lab.out("lab-2", "docker pull kolla/centos-binary-mariadb:queens");
        assertTrue(first.startsWith("queens: Pulling from kolla/centos-binary-mariadb\n"), first);
        assertTrue(first.contains(": Pull complete\n"), first);
        assertTrue(first.endsWith("Status: Downloaded newer image for kolla/centos-binary-mariadb:queens\n"), first);
        String again = lab.out("lab-2", "docker pull kolla/centos-binary-mariadb:queens");
        assertTrue(again.endsWith("Status: Image is up to date for kolla/centos-binary-mariadb:queens\n"), again);
        assertFalse(again.contains("Pull complete"));
        PlayResult bad = lab.run("lab-2", "docker pull kolla/centos-binary-mariadb:nonsense");
        assertEquals(1, bad.exitCode());
        assertEquals("Error response from daemon: manifest for kolla/centos-binary-mariadb:nonsense not found\n",
                bad.stderr());
        assertTrue(lab.out("lab-2", "docker images").matches("(?s)REPOSITORY +TAG +IMAGE ID +CREATED +SIZE\n.*"
                + "kolla/centos-binary-mariadb +queens +[0-9a-f]{12} +3 weeks ago +1.02GB\n.*"));
    }

    @Test
    void containerExitsFaultStopsTheContainerSilently() {
        lab.inject("container-exits@lab-2:nova_scheduler");
        assertEquals("", lab.out("lab-2", "docker ps --filter name=^nova_scheduler$ --format '{{.Names}}'"));
        assertEquals("Exited (1) Less than a second ago\n",
                lab.out("lab-2", "docker ps -a --filter name=^nova_scheduler$ --format '{{.Status}}'"));
        assertEquals("nova_scheduler\n", lab.out("lab-1", "docker ps --filter name=^nova_scheduler$ --format '{{.Names}}'"),
                "only lab-2's container exits");
        PlayResult logs = lab.run("lab-2", "docker logs --tail 1 nova_scheduler");
        assertTrue(logs.stderr().contains("container-exits@lab-2:nova_scheduler"), logs.stderr());
    }

    @Test
    void containerExitsFaultGivenAtStartHoldsInTheFreshState() {
        try (LabFixture faulty = new LabFixture(3, "container-exits@lab-3:rabbitmq")) {
            assertEquals("exited 1\n", faulty.out("lab-3", "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' rabbitmq"));
            faulty.cluster.reset();
            assertEquals("running 0\n", faulty.out("lab-3", "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' rabbitmq"),
                    "a reset clears the faults");
        }
    }

    @Test
    void execCatReadsTheVolumeAndLogsShowKollaStart() {
        String grastate = lab.out("lab-1", "docker exec mariadb cat /var/lib/mysql/grastate.dat");
        assertTrue(grastate.startsWith("# GALERA saved state\nversion: 2.1\nuuid:    "), grastate);
        assertTrue(grastate.contains("\nseqno:   -1\nsafe_to_bootstrap: 0\n"), grastate);
        PlayResult logs = lab.run("lab-1", "docker logs mariadb");
        assertTrue(logs.stderr().contains("Running command: '/usr/bin/mysqld_safe'"), logs.stderr());
    }

    @Test
    void bootstrapContainerRunsTheDbSyncAndTheFaultFailsIt() {
        PlayResult sync = lab.run("lab-1", "docker run --rm --net host --name bootstrap_keystone "
                + "-e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS -e KOLLA_BOOTSTRAP= kolla/centos-binary-keystone:queens");
        assertEquals(0, sync.exitCode(), sync.stderr());
        assertTrue(sync.stdout().contains("++ keystone-manage db_sync\n"), sync.stdout());
        assertEquals("queens", lab.cluster.play(GaleraPlay.class).schemaRelease("keystone").orElseThrow());
        assertFalse(lab.cluster.services().get("lab-1", "bootstrap_keystone").isPresent(), "--rm removed it");

        lab.inject("db-sync-fails@lab-2");
        PlayResult failed = lab.run("lab-2", "docker run --rm --name bootstrap_glance -e KOLLA_BOOTSTRAP= "
                + "kolla/centos-binary-glance-api:queens");
        assertEquals(1, failed.exitCode());
        assertTrue(failed.stderr().contains("DBMigrationError"), failed.stderr());
        assertEquals("pike", lab.cluster.play(GaleraPlay.class).schemaRelease("glance").orElseThrow());
    }

    /**
     * A one-shot container with {@code --entrypoint}: as docker does, the entrypoint is the program
     * and the words after the image its arguments (galera-recovery's wsrep-recover step). mysqld
     * without --log-error writes its log, with the recovered position, to standard error.
     */
    @Test
    void oneShotEntrypointRunsAsTheProgramWithTheWordsAfterTheImage() {
        try (LabFixture outage = new LabFixture(3, "galera-no-safe-bootstrap")) {
            PlayResult r = outage.run("lab-2", "docker run --rm --net none -v mariadb:/var/lib/mysql --user mysql"
                    + " --entrypoint /usr/libexec/mysqld kolla/centos-binary-mariadb:pike --datadir=/var/lib/mysql --wsrep-recover");
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(r.stderr().matches("(?s).*\\[Note\\] WSREP: Recovered position: [0-9a-f-]{36}:\\d+\n.*"), r.stderr());
            assertFalse(outage.out("lab-2", "docker ps -a --format '{{.Names}}'").contains("lab_"), "--rm removed it");
        }
    }
}
