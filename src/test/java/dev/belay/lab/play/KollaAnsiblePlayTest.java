package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kolla-ansible blocks for lab time: these labs run 1000 times faster than real time. */
class KollaAnsiblePlayTest {

    private final LabFixture lab = LabFixture.speeded(1_000);

    @AfterEach
    void close() {
        lab.close();
    }

    private void setRelease(String host, String release) {
        lab.cluster.files().write(host, KollaAnsiblePlay.GLOBALS, KollaAnsiblePlay.globals(release));
    }

    private String image(String host, String container) {
        return lab.out(host, "docker inspect -f '{{.Config.Image}}' " + container).strip();
    }

    @Test
    void upgradeMovesEveryContainerToTheReleaseInGlobalsYml() {
        assertTrue(lab.cluster.files().read("lab-1", "/etc/kolla/globals.yml").orElseThrow()
                .contains("\nopenstack_release: \"pike\"\n"));
        setRelease("lab-1", "queens");
        String pull = lab.out("lab-1", "kolla-ansible -i /etc/kolla/multinode pull");
        assertTrue(pull.startsWith("Pulling Docker images : ansible-playbook -i /etc/kolla/multinode "), pull);
        assertTrue(pull.contains("\nTASK [mariadb : Pulling mariadb images] ****"), pull);
        assertTrue(lab.cluster.play(DockerPlay.class).hasImage("lab-3", "kolla/centos-binary-nova-api:queens"));
        assertEquals("kolla/centos-binary-keystone:pike", image("lab-2", "keystone"), "pull alone changes no container");

        String up = lab.out("lab-1", "kolla-ansible -i /etc/kolla/multinode upgrade");
        assertTrue(up.contains("\nPLAY RECAP *********************************************************************\n"), up);
        assertTrue(up.matches("(?s).*\nlab-2 {22}: ok=\\d+ +changed=\\d+ +unreachable=0    failed=0   \n.*"), up.substring(up.indexOf("PLAY RECAP")));
        for (String h : List.of("lab-1", "lab-2", "lab-3")) {
            assertEquals("kolla/centos-binary-mariadb:queens", image(h, "mariadb"));
            assertEquals("kolla/centos-binary-nova-placement-api:queens", image(h, "placement_api"));
            assertEquals("running", lab.out(h, "docker inspect -f '{{.State.Status}}' keystone").strip());
        }
        assertEquals("queens", lab.cluster.play(GaleraPlay.class).schemaRelease("nova_api").orElseThrow());
        String status = lab.out("lab-3", "docker exec mariadb mysql -uroot -px -e \"SHOW STATUS LIKE 'wsrep%'\"");
        assertTrue(status.contains("wsrep_cluster_size\t3\n") && status.contains("wsrep_local_state_comment\tSynced\n"),
                "the rolling restart kept Galera whole: " + status);
        assertEquals(3, lab.cluster.play(RabbitPlay.class).runningNodes("lab-1").size());
    }

    @Test
    void aServiceTagPinnedInGlobalsYmlKeepsThatServiceOnItsTagThroughTheUpgrade() {
        lab.cluster.files().write("lab-1", KollaAnsiblePlay.GLOBALS,
                KollaAnsiblePlay.globals("queens") + "nova_compute_tag: \"pike\"\nkeystone_tag: 'pike'\n");
        PlayResult r = lab.run("lab-1", "kolla-ansible -i /etc/kolla/multinode upgrade");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertFalse(r.stdout().contains("failed=1"), "a pin is no failure to Ansible");
        for (String h : List.of("lab-1", "lab-2", "lab-3")) {
            assertEquals("kolla/centos-binary-nova-compute:pike", image(h, "nova_compute"));
            assertEquals("kolla/centos-binary-keystone:pike", image(h, "keystone"));
            assertEquals("kolla/centos-binary-nova-api:queens", image(h, "nova_api"), "nova_tag is not pinned");
        }
    }

    @Test
    void tagsAndLimitNarrowTheRun() {
        setRelease("lab-1", "queens");
        lab.out("lab-1", "kolla-ansible -i /etc/kolla/multinode deploy -t keystone --limit lab-2");
        assertEquals("kolla/centos-binary-keystone:queens", image("lab-2", "keystone"));
        assertEquals("kolla/centos-binary-keystone:pike", image("lab-1", "keystone"));
        assertEquals("kolla/centos-binary-mariadb:pike", image("lab-2", "mariadb"));
        String gen = lab.out("lab-1", "kolla-ansible -i /etc/kolla/multinode genconfig");
        assertTrue(gen.contains("TASK [nova : Copying over config.json files for services]"), gen);
        assertEquals("kolla/centos-binary-nova-api:pike", image("lab-1", "nova_api"));
    }

    @Test
    void dbSyncFaultFailsTheUpgradeOfThatService() {
        lab.inject("db-sync-fails@lab-1");
        setRelease("lab-1", "queens");
        PlayResult r = lab.run("lab-1", "kolla-ansible -i /etc/kolla/multinode upgrade");
        assertEquals(1, r.exitCode());
        assertTrue(r.stdout().contains("TASK [keystone : Running Keystone bootstrap container]"), r.stdout());
        assertTrue(r.stdout().contains("fatal: [lab-1]: FAILED! => {\"changed\": true, \"msg\": \"Container exited with "
                + "non-zero return code 1\""), r.stdout());
        assertTrue(r.stdout().matches("(?s).*\nlab-1 +: ok=\\d+ +changed=\\d+ +unreachable=0    failed=1   \n.*"), r.stdout());
        assertTrue(r.stderr().startsWith("Command failed ansible-playbook -i /etc/kolla/multinode "), r.stderr());
        assertEquals("pike", lab.cluster.play(GaleraPlay.class).schemaRelease("keystone").orElseThrow());
        assertEquals("kolla/centos-binary-keystone:pike", image("lab-2", "keystone"), "no host got the new keystone");
    }

    @Test
    void mariadbRecoveryBringsBackAClusterAfterAFullOutage() {
        try (LabFixture outage = LabFixture.speeded(1_000, "galera-no-safe-bootstrap")) {
            assertFalse(outage.cluster.services().isRunning("lab-1", "mariadb"));
            String out = outage.out("lab-2", "kolla-ansible -i /etc/kolla/multinode mariadb_recovery");
            assertTrue(out.startsWith("Attempting to restart mariadb cluster : ansible-playbook "), out);
            outage.cluster.faults().clear();
            for (String h : List.of("lab-1", "lab-2", "lab-3")) {
                String st = outage.out(h, "docker exec mariadb mysql -uroot -px -N -e \"SHOW STATUS LIKE 'wsrep_%'\"");
                assertTrue(st.contains("wsrep_cluster_size\t3\n"), st);
                assertTrue(st.contains("wsrep_local_state_comment\tSynced\n"), st);
            }
        }
    }

    @Test
    void missingInventoryOrUnknownActionFailAsTheRealScript() {
        PlayResult noInv = lab.run("lab-1", "kolla-ansible -i /etc/kolla/nope pull");
        assertEquals(1, noInv.exitCode());
        assertTrue(noInv.stderr().startsWith(" [WARNING]: Unable to parse /etc/kolla/nope as an inventory source\n"));
        PlayResult usage = lab.run("lab-1", "kolla-ansible -i /etc/kolla/multinode frobnicate");
        assertEquals(1, usage.exitCode());
        assertTrue(usage.stderr().startsWith("Usage: kolla-ansible -i INVENTORY ACTION"), usage.stderr());
    }

    @Test
    void prechecksReportAnUnreachableHost() {
        lab.cluster.power().goDown("lab-3");
        PlayResult r = lab.run("lab-1", "kolla-ansible -i /etc/kolla/multinode prechecks");
        assertEquals(1, r.exitCode());
        assertTrue(r.stdout().contains("fatal: [lab-3]: UNREACHABLE! => "), r.stdout());
        assertTrue(r.stdout().matches("(?s).*\nlab-3 +: ok=0    changed=0    unreachable=1    failed=0   \n.*"), r.stdout());
    }
}
