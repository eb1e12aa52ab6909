package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GaleraPlayTest {

    private static final String STATUS = "docker exec mariadb mysql -uroot -psecret -e \"SHOW STATUS LIKE 'wsrep%'\"";
    private static final String BOOTSTRAP_NEW = "docker run -d --name mariadb --net host --restart unless-stopped "
            + "-v mariadb:/var/lib/mysql -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS -e BOOTSTRAP_ARGS=--wsrep-new-cluster "
            + "kolla/centos-binary-mariadb:queens";
    private static final String JOIN_NEW = "docker run -d --name mariadb --net host --restart unless-stopped "
            + "-v mariadb:/var/lib/mysql -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS kolla/centos-binary-mariadb:queens";
    private static final String KOLLA_GRASTATE = "/var/lib/docker/volumes/mariadb/_data/grastate.dat";

    private final LabFixture lab = new LabFixture(3);

    @AfterEach
    void close() {
        lab.close();
    }

    private String status(String host, String name) {
        String out = lab.out(host, "docker exec mariadb mysql -uroot -psecret -N -e \"SHOW STATUS LIKE '" + name + "'\"");
        String[] cols = out.strip().split("\t");
        assertEquals(name, cols[0], out);
        return cols[1];
    }

    private String grastate(String host) {
        return lab.cluster.files().read(host, KOLLA_GRASTATE).orElse("(none)");
    }

    private static long seqno(String grastate) {
        Matcher m = Pattern.compile("seqno:\\s+(-?\\d+)").matcher(grastate);
        assertTrue(m.find(), grastate);
        return Long.parseLong(m.group(1));
    }

    @Test
    void freshClusterIsSyncedPrimaryOfThreeInBatchFormat() {
        String out = lab.out("lab-1", STATUS);
        String[] lines = out.split("\n");
        assertEquals("Variable_name\tValue", lines[0]);
        assertTrue(List.of(lines).contains("wsrep_cluster_size\t3"), out);
        assertTrue(List.of(lines).contains("wsrep_cluster_status\tPrimary"), out);
        assertTrue(List.of(lines).contains("wsrep_local_state_comment\tSynced"), out);
        assertTrue(List.of(lines).contains("wsrep_ready\tON"), out);
        assertTrue(List.of(lines).contains("wsrep_connected\tON"), out);
        assertTrue(lines[1].startsWith("wsrep_local_state_uuid\t"), "the provider's order: " + lines[1]);
        assertTrue(out.indexOf("wsrep_local_state_comment\t") < out.indexOf("wsrep_cluster_size\t"), out);
        assertTrue(lines[lines.length - 1].startsWith("wsrep_thread_count\t"), out);
        for (int i = 1; i < lines.length; i++) {
            assertEquals(2, lines[i].split("\t", -1).length, lines[i]);
        }
        assertEquals("wsrep_local_send_queue\t0\nwsrep_local_recv_queue\t0\n",
                lab.out("lab-2", "docker exec mariadb mysql -uroot -psecret -N -e \"SHOW STATUS LIKE 'wsrep_local_%_queue'\""));
        assertEquals("3\n", lab.out("lab-3", "mysql -uroot -psecret -sN -e \"SHOW STATUS LIKE 'wsrep_cluster_size'\"")
                .split("\t")[1]);
    }

    @Test
    void seqnoAdvancesWithTimeAndWrites() {
        long before = Long.parseLong(status("lab-1", "wsrep_last_committed"));
        lab.pass(Duration.ofMinutes(10));
        long later = Long.parseLong(status("lab-2", "wsrep_last_committed"));
        assertTrue(later > before, before + " -> " + later);
        lab.out("lab-1", "mysql -uroot -psecret -e \"CREATE DATABASE IF NOT EXISTS nova_cell1; GRANT ALL PRIVILEGES ON "
                + "nova_cell1.* TO 'nova'@'%' IDENTIFIED BY 'x';\"");
        assertEquals(later + 2, Long.parseLong(status("lab-3", "wsrep_last_committed")));
        assertEquals("Database (nova%)\nnova\nnova_api\nnova_cell0\nnova_cell1\n",
                lab.out("lab-1", "mysql -uroot -psecret -e \"SHOW DATABASES LIKE 'nova%'\""));
    }

    @Test
    void clientErrorsAreTheClientsOwn() {
        PlayResult noPass = lab.run("lab-1", "mysql -uroot -e 'SELECT 1'");
        assertEquals(1, noPass.exitCode());
        assertEquals("ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\n", noPass.stderr());
        PlayResult syntax = lab.run("lab-1", "mysql -uroot -px -e 'SELEC 1'");
        assertEquals(1, syntax.exitCode());
        assertTrue(syntax.stderr().startsWith("ERROR 1064 (42000) at line 1: You have an error in your SQL syntax;"),
                syntax.stderr());
        assertEquals("1\n1\n", lab.out("lab-1", "mysql -uroot -px -e 'SELECT 1'"));
        assertEquals("@@hostname\tVERSION()\nlab-2\t10.1.22-MariaDB\n",
                lab.out("lab-2", "mysql -uroot -px -e 'SELECT @@hostname, VERSION()'"));
        assertEquals("+---+\n| 1 |\n+---+\n| 1 |\n+---+\n", lab.out("lab-1", "mysql -uroot -px -t -e 'SELECT 1'"));
        assertEquals("mysqld is alive\n", lab.out("lab-1", "mysqladmin -uroot -px ping"));
        assertEquals("This installation of MySQL is already upgraded to 10.1.22-MariaDB, use --force if you still "
                + "need to run mysql_upgrade\n", lab.out("lab-1", "mysql_upgrade -uroot -px"));
        lab.out("lab-1", "docker stop mariadb");
        PlayResult adminDown = lab.run("lab-1", "mysqladmin -uroot -px ping");
        assertEquals("mysqladmin: connect to server at 'localhost' failed\nerror: 'Can't connect to local MySQL server "
                + "through socket '/var/lib/mysql/mysql.sock' (2)'\n", adminDown.stderr());
        PlayResult down = lab.run("lab-1", "mysql -uroot -px -e 'SELECT 1'");
        assertEquals(1, down.exitCode());
        assertEquals("ERROR 2002 (HY000): Can't connect to local MySQL server through socket "
                + "'/var/lib/mysql/mysql.sock' (2)\n", down.stderr());
    }

    @Test
    void theVipReachesASyncedNodeThatClustercheckDoesNotExclude() {
        assertTrue(lab.out("lab-1", "mysql -h 10.0.0.10 -P 3306 -uroot -px -N -e 'SELECT @@hostname, @@version'")
                .matches("lab-1\t10\\.1\\.22-MariaDB\n"));
        lab.cluster.files().write("lab-1", "/var/tmp/clustercheck.disabled", "");
        assertEquals(503, lab.cluster.play(GaleraPlay.class).clustercheck("lab-1"));
        assertTrue(lab.out("lab-1", "mysql -h 10.0.0.10 -uroot -px -N -e 'SELECT @@hostname'").startsWith("lab-2"));
        lab.cluster.files().write("lab-2", "/var/tmp/clustercheck.disabled", "");
        lab.cluster.files().write("lab-3", "/var/tmp/clustercheck.disabled", "");
        PlayResult none = lab.run("lab-1", "mysql -h 10.0.0.10 -uroot -px -e 'SELECT 1'");
        assertEquals("ERROR 2013 (HY000): Lost connection to MySQL server at 'reading initial communication packet', "
                + "system error: 0\n", none.stderr());
    }

    /** The shipped galera-cluster-upgrade runbook, step by step. */
    @Test
    void orderedStopMarksTheLastNodeSafeAndTheNewClusterFormsByStateTransfer() {
        lab.out("lab-3", "docker stop mariadb");
        assertEquals("Primary", status("lab-1", "wsrep_cluster_status"));
        assertEquals("2", status("lab-1", "wsrep_cluster_size"));
        lab.pass(Duration.ofSeconds(30));
        lab.out("lab-2", "docker stop mariadb");
        assertEquals("1", status("lab-1", "wsrep_cluster_size"));
        lab.pass(Duration.ofSeconds(30));
        lab.out("lab-1", "docker stop mariadb");

        String first = grastate("lab-1");
        assertTrue(first.contains("safe_to_bootstrap: 1"), first);
        assertTrue(grastate("lab-2").contains("safe_to_bootstrap: 0"));
        assertTrue(grastate("lab-3").contains("safe_to_bootstrap: 0"));
        assertTrue(seqno(first) > seqno(grastate("lab-3")), "the last node to stop has the newest seqno");
        assertEquals(first, lab.cluster.grastate("lab-1").orElseThrow());

        // Joiners lose their grastate.dat: they will need a full state transfer.
        lab.cluster.files().delete("lab-2", KOLLA_GRASTATE);
        lab.cluster.files().delete("lab-3", KOLLA_GRASTATE);

        lab.out("lab-1", "docker rename mariadb mariadb_old");
        lab.out("lab-1", BOOTSTRAP_NEW);
        PlayResult early = lab.run("lab-1", STATUS);
        assertTrue(early.stderr().startsWith("ERROR 2002 (HY000)"), "the server is still starting: " + early.stderr());
        lab.pass(GaleraPlay.STARTUP);
        assertEquals("Synced", status("lab-1", "wsrep_local_state_comment"));
        assertEquals("1", status("lab-1", "wsrep_cluster_size"));
        assertEquals("10.1.30-MariaDB\n", lab.out("lab-1", "docker exec mariadb mysql -uroot -px -N -e 'SELECT VERSION()'"));
        assertTrue(lab.out("lab-1", "docker exec mariadb mysql_upgrade -uroot -px").endsWith("OK\n"));

        lab.out("lab-2", "docker rename mariadb mariadb_old");
        lab.out("lab-2", JOIN_NEW);
        assertEquals("Joining: receiving State Transfer", status("lab-2", "wsrep_local_state_comment"));
        assertEquals("OFF", status("lab-2", "wsrep_ready"));
        assertEquals("Donor/Desynced", status("lab-1", "wsrep_local_state_comment"));
        assertEquals("2", status("lab-1", "wsrep_cluster_size"));
        PlayResult notReady = lab.run("lab-2", "docker exec mariadb mysql -uroot -px -e 'SELECT 1'");
        assertEquals("ERROR 1047 (08S01) at line 1: WSREP has not yet prepared node for application use\n",
                notReady.stderr());
        lab.pass(GaleraPlay.SST.minusSeconds(1));
        assertEquals("Joining: receiving State Transfer", status("lab-2", "wsrep_local_state_comment"));
        lab.pass(Duration.ofSeconds(1));
        assertEquals("Synced", status("lab-2", "wsrep_local_state_comment"));
        assertEquals("Synced", status("lab-1", "wsrep_local_state_comment"));

        lab.out("lab-3", "docker rename mariadb mariadb_old");
        lab.out("lab-3", JOIN_NEW);
        lab.pass(GaleraPlay.SST);
        assertEquals("3", status("lab-3", "wsrep_cluster_size"));
        assertEquals("Primary", status("lab-3", "wsrep_cluster_status"));
        assertEquals("mariadb_old\n", lab.out("lab-3", "docker rm mariadb_old"));
    }

    @Test
    void aNodeThatKeptItsGrastateJoinsByIncrementalTransfer() {
        lab.out("lab-2", "docker stop mariadb");
        lab.pass(Duration.ofMinutes(1));
        lab.out("lab-2", "docker start mariadb");
        assertEquals("Joining: receiving State Transfer", status("lab-2", "wsrep_local_state_comment"));
        lab.pass(GaleraPlay.IST);
        assertEquals("Synced", status("lab-2", "wsrep_local_state_comment"));
    }

    @Test
    void bootstrapIsRefusedWhereSafeToBootstrapIsZero() {
        lab.out("lab-1", "docker stop mariadb");
        lab.out("lab-2", "docker stop mariadb");
        lab.out("lab-3", "docker stop mariadb");
        assertTrue(grastate("lab-1").contains("safe_to_bootstrap: 0"));
        lab.out("lab-1", "docker rename mariadb mariadb_old");
        PlayResult run = lab.run("lab-1", BOOTSTRAP_NEW);
        assertEquals(0, run.exitCode(), "docker run -d succeeds; the server then exits");
        assertEquals("exited 1\n", lab.out("lab-1", "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' mariadb"));
        String logs = lab.run("lab-1", "docker logs mariadb").stderr();
        assertTrue(logs.contains("[ERROR] WSREP: It may not be safe to bootstrap the cluster from this node. It was not "
                + "the last one to leave the cluster and may not contain all the updates. To force cluster bootstrap "
                + "with this node, edit the grastate.dat file manually and set safe_to_bootstrap to 1 ."), logs);
        // The runbook's fix: edit the file by hand on the node with the newest seqno.
        String edited = grastate("lab-1").replace("safe_to_bootstrap: 0", "safe_to_bootstrap: 1");
        lab.cluster.files().write("lab-1", "/var/lib/mysql/grastate.dat", edited);
        lab.out("lab-1", "docker start mariadb");
        lab.pass(GaleraPlay.STARTUP);
        assertEquals("Primary", status("lab-1", "wsrep_cluster_status"));
    }

    @Test
    void bootstrappingTwiceMakesTwoPrimaryComponents() {
        lab.out("lab-3", "docker stop mariadb");
        lab.out("lab-3", "docker rename mariadb mariadb_old");
        lab.cluster.files().write("lab-3", KOLLA_GRASTATE, grastate("lab-3").replace("safe_to_bootstrap: 0",
                "safe_to_bootstrap: 1"));
        lab.out("lab-3", BOOTSTRAP_NEW);
        lab.pass(GaleraPlay.STARTUP);
        assertEquals("Primary", status("lab-3", "wsrep_cluster_status"));
        assertEquals("1", status("lab-3", "wsrep_cluster_size"));
        assertEquals("Primary", status("lab-1", "wsrep_cluster_status"));
        assertEquals("2", status("lab-1", "wsrep_cluster_size"));
        lab.out("lab-1", "mysql -uroot -px -e 'CREATE DATABASE split_a'");
        assertNotEquals(status("lab-1", "wsrep_last_committed"), status("lab-3", "wsrep_last_committed"),
                "the two histories diverge");
    }

    @Test
    void aNodeWithNoPrimaryToJoinGivesUp() {
        for (String h : List.of("lab-1", "lab-2", "lab-3")) {
            lab.out(h, "docker stop mariadb");
        }
        lab.out("lab-2", "docker start mariadb");
        assertTrue(lab.run("lab-2", STATUS).stderr().startsWith("ERROR 2002"));
        lab.pass(GaleraPlay.PRIMARY_WAIT);
        assertEquals("exited 1\n", lab.out("lab-2", "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' mariadb"));
        assertTrue(lab.run("lab-2", "docker logs mariadb").stderr().contains("failed to reach primary view"));
    }

    @Test
    void joinerCrashFaultStopsTheJoinerMidTransfer() {
        lab.inject("galera-joiner-crash@lab-2");
        lab.out("lab-2", "docker stop mariadb");
        lab.cluster.files().delete("lab-2", KOLLA_GRASTATE);
        lab.out("lab-2", "docker start mariadb");
        assertEquals("3", status("lab-1", "wsrep_cluster_size"));
        assertEquals("Joining: receiving State Transfer", status("lab-2", "wsrep_local_state_comment"));
        lab.pass(GaleraPlay.SST);
        assertEquals("", lab.out("lab-2", "docker ps --filter name=^mariadb$ --format '{{.Names}}'"));
        assertEquals("2", status("lab-1", "wsrep_cluster_size"));
        assertEquals("Synced", status("lab-1", "wsrep_local_state_comment"), "the donor resumes");
        assertTrue(lab.run("lab-2", "docker logs mariadb").stderr().contains("SST failed"));
        assertTrue(grastate("lab-2").contains("seqno:   -1"));
        PlayResult gone = lab.run("lab-2", STATUS);
        assertTrue(gone.stderr().startsWith("Error response from daemon: Container "), gone.stderr());
    }

    /**
     * galera-member-crash@lab-3: lab-2 stops cleanly (the others recount: two of two), then lab-3 is
     * killed: lab-1 is one of two, no majority, so non-Primary with its seqno frozen, and it refuses
     * queries; a node started now has no Primary to join. A clean stop first keeps quorum.
     */
    @Test
    void aMemberKilledAfterACleanStopLeavesTheLastNodeNonPrimary() {
        lab.inject("galera-member-crash@lab-3");
        lab.out("lab-2", "docker stop mariadb");
        assertEquals("non-Primary", status("lab-1", "wsrep_cluster_status"));
        assertEquals("Initialized", status("lab-1", "wsrep_local_state_comment"));
        assertEquals("1", status("lab-1", "wsrep_cluster_size"));
        assertEquals("OFF", status("lab-1", "wsrep_ready"));
        assertEquals("exited 137\n", lab.out("lab-3", "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' mariadb"));
        long frozen = Long.parseLong(status("lab-1", "wsrep_last_committed"));
        lab.pass(Duration.ofMinutes(10));
        assertEquals(frozen, Long.parseLong(status("lab-1", "wsrep_last_committed")), "no writes without quorum");
        PlayResult select = lab.run("lab-1", "mysql -uroot -px -e 'SELECT 1'");
        assertEquals("ERROR 1047 (08S01) at line 1: WSREP has not yet prepared node for application use\n", select.stderr());
        assertEquals(503, lab.cluster.play(GaleraPlay.class).clustercheck("lab-1"));
        lab.out("lab-1", "docker stop mariadb");
        assertTrue(grastate("lab-1").contains("safe_to_bootstrap: 0"), "a non-Primary node is not safe: " + grastate("lab-1"));
    }

    @Test
    void aMemberKilledWhileAnotherJoinsLeavesAMajorityPrimary() {
        lab.out("lab-3", "docker stop mariadb");
        lab.inject("galera-member-crash@lab-2");
        lab.out("lab-3", "docker start mariadb");
        lab.pass(GaleraPlay.IST);
        assertEquals("Primary", status("lab-1", "wsrep_cluster_status"), "two of three stay Primary");
        assertEquals("2", status("lab-1", "wsrep_cluster_size"));
        assertEquals("Synced", status("lab-3", "wsrep_local_state_comment"));
        assertEquals("", lab.out("lab-2", "docker ps -q --filter name=^mariadb$"));
        lab.out("lab-2", "docker start mariadb");
        lab.pass(GaleraPlay.SST);
        assertEquals("3", status("lab-1", "wsrep_cluster_size"), "the fault strikes once");
    }

    /** galera-prepared-xa@lab-2: mysqld will not recover nor start until the prepared transaction is resolved. */
    @Test
    void aPreparedTransactionNeedsAHeuristicRecoverFirst() {
        try (LabFixture outage = new LabFixture(3, "galera-no-safe-bootstrap", "galera-prepared-xa@lab-2")) {
            PlayResult recover = outage.run("lab-2", "mysqld --wsrep-recover");
            assertEquals(1, recover.exitCode());
            assertTrue(recover.stderr().contains("[ERROR] Found 1 prepared transactions! It means that mysqld was not "
                    + "shut down properly"), recover.stderr());
            assertFalse(recover.stderr().contains("Recovered position"), recover.stderr());
            markSafe(outage, "lab-1");
            outage.out("lab-1", "docker rm mariadb");
            outage.out("lab-1", BOOTSTRAP_NEW);
            outage.pass(GaleraPlay.STARTUP);
            outage.out("lab-2", "docker start mariadb");
            assertEquals("exited\n", outage.out("lab-2", "docker inspect -f '{{.State.Status}}' mariadb"));
            assertTrue(outage.run("lab-2", "docker logs mariadb").stderr().contains("--tc-heuristic-recover switch"));
            PlayResult heuristic = outage.run("lab-2", "mysqld --tc-heuristic-recover=ROLLBACK");
            assertEquals(1, heuristic.exitCode(), "MariaDB exits after a heuristic recovery");
            assertTrue(heuristic.stderr().contains("Please restart mysqld without --tc-heuristic-recover"), heuristic.stderr());
            assertTrue(outage.run("lab-2", "mysqld --wsrep-recover").stderr().contains("WSREP: Recovered position: "));
            outage.out("lab-2", "docker start mariadb");
            outage.pass(GaleraPlay.SST);
            assertEquals("Synced", outage.out("lab-2", "mysql -uroot -px -N -e \"SHOW STATUS LIKE 'wsrep_local_state_comment'\"")
                    .strip().split("\t")[1]);
        }
    }

    /** The operator's edit of grastate.dat, as the runbooks' sed does it. */
    private static void markSafe(LabFixture f, String host) {
        String g = f.cluster.files().read(host, KOLLA_GRASTATE).orElseThrow();
        f.cluster.files().write(host, KOLLA_GRASTATE, g.replace("safe_to_bootstrap: 0", "safe_to_bootstrap: 1"));
    }

    /** A node bootstrapped from behind another: the one ahead refuses to join it, as Galera does. */
    @Test
    void aNodeAheadOfTheBootstrappedClusterRefusesToJoin() {
        try (LabFixture outage = new LabFixture(3)) {
            outage.out("lab-1", "docker stop mariadb");
            outage.run("lab-2", "docker exec -i mariadb mysql -uroot -px", "INSERT INTO t VALUES (1);\n".repeat(9000));
            outage.inject("galera-no-safe-bootstrap");
            markSafe(outage, "lab-1");
            outage.out("lab-1", "docker rm mariadb");
            outage.out("lab-1", BOOTSTRAP_NEW);
            outage.pass(GaleraPlay.STARTUP);
            outage.out("lab-2", "mysqld --wsrep-recover");
            outage.out("lab-2", "docker start mariadb");
            assertEquals("exited\n", outage.out("lab-2", "docker inspect -f '{{.State.Status}}' mariadb"));
            assertTrue(outage.run("lab-2", "docker logs mariadb").stderr().contains("states diverged"));
            assertEquals("1", outage.out("lab-1", "mysql -uroot -px -N -e \"SHOW STATUS LIKE 'wsrep_cluster_size'\"")
                    .strip().split("\t")[1]);
        }
    }

    /** The shipped galera-recovery runbook, step by step. */
    @Test
    void noSafeBootstrapFaultNeedsWsrepRecoverAndAHandEditedGrastate() {
        try (LabFixture outage = new LabFixture(3, "galera-no-safe-bootstrap")) {
            long[] positions = new long[3];
            for (int i = 1; i <= 3; i++) {
                String h = "lab-" + i;
                assertFalse(outage.cluster.services().isRunning(h, "mariadb"), "a full outage");
                String g = outage.cluster.files().read(h, "/var/lib/mysql/grastate.dat").orElseThrow();
                assertTrue(g.contains("seqno:   -1\nsafe_to_bootstrap: 0\n"), g);
                outage.out(h, "mysqld --user=mysql --datadir=/var/lib/mysql --wsrep-recover --log-error=/tmp/wsrep-recover.log");
                String log = outage.cluster.files().read(h, "/tmp/wsrep-recover.log").orElseThrow();
                Matcher m = Pattern.compile("\\[Note\\] WSREP: Recovered position: ([0-9a-f-]{36}):(\\d+)\n").matcher(log);
                assertTrue(m.find(), log);
                positions[i - 1] = Long.parseLong(m.group(2));
                assertTrue(outage.cluster.files().read(h, "/var/lib/mysql/grastate.dat").orElseThrow()
                        .contains("seqno:   " + positions[i - 1] + "\n"), "the recovered seqno is written back");
            }
            // Still unsafe: the runbook sets safe_to_bootstrap by hand on the most advanced node.
            outage.out("lab-1", "docker rename mariadb mariadb_old");
            outage.out("lab-1", BOOTSTRAP_NEW);
            assertEquals("exited\n", outage.out("lab-1", "docker inspect -f '{{.State.Status}}' mariadb"));
            String g = outage.cluster.files().read("lab-1", "/var/lib/mysql/grastate.dat").orElseThrow();
            outage.cluster.files().write("lab-1", "/var/lib/mysql/grastate.dat",
                    g.replace("safe_to_bootstrap: 0", "safe_to_bootstrap: 1"));
            outage.out("lab-1", "docker start mariadb");
            outage.pass(GaleraPlay.STARTUP);
            String st = outage.out("lab-1", "mysql -uroot -px -e \"SHOW STATUS LIKE 'wsrep%'\"");
            assertTrue(st.contains("wsrep_cluster_size\t1\n") && st.contains("wsrep_local_state_comment\tSynced\n"), st);
            assertTrue(Long.parseLong(st.replaceAll("(?s).*wsrep_last_committed\t(\\d+).*", "$1")) >= positions[0]);
            outage.out("lab-2", "docker start mariadb");
            outage.pass(GaleraPlay.SST);
            assertEquals("2", outage.out("lab-2", "mysql -uroot -px -N -e \"SHOW STATUS LIKE 'wsrep_cluster_size'\"")
                    .strip().split("\t")[1]);
        }
    }

    /** A Kolla host has no mariadb.service: systemctl cannot start MariaDB, only docker can. */
    @Test
    void systemctlKnowsNoMariadbUnitOnAKollaHost() {
        try (LabFixture outage = new LabFixture(3, "galera-no-safe-bootstrap")) {
            PlayResult down = outage.run("lab-1", "systemctl is-active mariadb");
            assertEquals("unknown\n", down.stdout());
            assertEquals(3, down.exitCode());
            PlayResult start = outage.run("lab-1", "systemctl start mariadb");
            assertEquals(5, start.exitCode());
            assertEquals("Failed to start mariadb.service: Unit not found.\n", start.stderr());
            assertFalse(outage.cluster.services().isRunning("lab-1", "mariadb"), "the container stays down");
        }
    }

    @Test
    void wsrepRecoverRefusesWhileTheServerRuns() {
        PlayResult r = lab.run("lab-1", "mysqld --wsrep-recover");
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("[ERROR] InnoDB: Unable to lock ./ibdata1, error: 11"), r.stderr());
    }

    @Test
    void mysqldumpPrintsADumpWhoseSchemaFollowsTheMigrations() {
        String all = lab.out("lab-1", "docker exec mariadb mysqldump -uroot -px --all-databases --single-transaction "
                + "--routines --events --triggers");
        assertTrue(all.startsWith("-- MySQL dump 10.16  Distrib 10.1.22-MariaDB, for Linux (x86_64)\n--\n"
                + "-- Host: localhost    Database: \n"), all);
        assertTrue(all.contains("CREATE DATABASE /*!32312 IF NOT EXISTS*/ `keystone` /*!40100 DEFAULT CHARACTER SET utf8 */;"));
        assertTrue(all.contains("INSERT INTO `project` VALUES"));
        assertTrue(all.contains("\n-- Dump completed on 2026-12-01 "), all);
        String cmd = "docker exec mariadb mysqldump -uroot -px --no-data --skip-dump-date --skip-comments keystone";
        String before = lab.out("lab-1", cmd);
        assertFalse(before.contains("INSERT INTO"));
        assertFalse(before.contains("--"), "no comments");
        lab.out("lab-1", "docker run --rm --name bootstrap_keystone -e KOLLA_BOOTSTRAP= kolla/centos-binary-keystone:queens");
        String after = lab.out("lab-1", cmd);
        assertNotEquals(before, after);
        assertTrue(after.contains("`description` text"), after);
        PlayResult unknown = lab.run("lab-1", "mysqldump -uroot -px nope");
        assertEquals(2, unknown.exitCode());
        assertEquals("mysqldump: Got error: 1049: \"Unknown database 'nope'\" when selecting the database\n", unknown.stderr());
    }

    @Test
    void aRestoredDumpFromStandardInputCountsAsWrites() {
        long before = Long.parseLong(status("lab-1", "wsrep_last_committed"));
        String dump = lab.out("lab-1", "mysqldump -uroot -px keystone");
        PlayResult restore = lab.run("lab-1", "docker exec -i mariadb mysql -uroot -px keystone", dump);
        assertEquals(0, restore.exitCode(), restore.stderr());
        assertTrue(Long.parseLong(status("lab-1", "wsrep_last_committed")) > before + 3);
    }

    @Test
    void manyHostsAtOnceKeepOneConsistentCluster() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                    work.add(pool.submit(() -> lab.run(h, STATUS)));
                    work.add(pool.submit(() -> lab.run(h, "docker restart mariadb")));
                }
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        lab.pass(GaleraPlay.SST);
        lab.cluster.catchUp();
        Map<String, String> sizes = new java.util.TreeMap<>();
        for (String h : List.of("lab-1", "lab-2", "lab-3")) {
            if (lab.cluster.services().isRunning(h, "mariadb")) {
                sizes.put(h, status(h, "wsrep_cluster_size"));
            }
        }
        // Restarts in any interleaving leave every running node in a component, Synced once transfers ended,
        // and the sizes the nodes report add up to the nodes that run.
        int total = 0;
        for (Map.Entry<String, String> e : sizes.entrySet()) {
            assertEquals("Synced", status(e.getKey(), "wsrep_local_state_comment"), e.getKey());
            total += Integer.parseInt(e.getValue());
        }
        assertTrue(total >= sizes.size() && total <= sizes.size() * sizes.size(), sizes.toString());
    }
}
