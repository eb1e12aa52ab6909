package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Nova's tools inside a Kolla container answer as the image's release, and Kolla-Ansible's nova
 * role sets up cells v2 and Placement from Ocata on: what multi-release-upgrade's hop-N-cells reads.
 */
class KollaNovaCellsTest {

    @Test
    void anUpgradeToQueensLeavesCellsAndPlacementThatNovaStatusAccepts() {
        try (LabFixture lab = LabFixture.speeded(1_000)) {
            // Before: the host's RDO packages are Newton's, but the container's nova-manage is Pike's.
            assertEquals(2, lab.run("lab-1", "nova-manage cell_v2 list_cells").exitCode());
            assertEquals(0, lab.run("lab-1", "docker exec nova_api nova-manage cell_v2 list_cells").exitCode());
            assertTrue(lab.run("lab-1", "docker exec nova_api nova-manage --version").stderr().startsWith("16."));

            lab.cluster.files().write("lab-1", KollaAnsiblePlay.GLOBALS, KollaAnsiblePlay.globals("queens"));
            lab.out("lab-1", "kolla-ansible -i /etc/kolla/multinode upgrade");
            lab.out("lab-1", "docker exec nova_api nova-manage cell_v2 discover_hosts");
            String cells = lab.out("lab-1", "docker exec nova_api nova-manage cell_v2 list_cells");
            assertTrue(cells.matches("(?s).*\\|\\s*cell0\\s*\\|.*\\|\\s*cell1\\s*\\|.*"), cells);
            String check = lab.out("lab-1", "docker exec nova_api nova-status upgrade check");
            assertTrue(check.contains("Check: Cells v2"), check);
            assertFalse(check.contains("Result: Failure"), check);
            assertTrue(lab.out("lab-1", "openstack endpoint list --service placement -f value -c Interface").contains("internal"));
        }
    }
}
