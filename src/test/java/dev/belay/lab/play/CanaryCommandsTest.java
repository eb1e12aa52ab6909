package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The canary's life as upgrade-verification runs it: network, subnet, server, volume, attach, modify, delete. */
class CanaryCommandsTest {

    private static final String O = "openstack ";

    @Test
    void aCanaryIsMadeUsedAndUnmade() {
        try (LabFixture lab = new LabFixture(3)) {
            String c = "belay-canary";
            assertEquals(36, lab.out("lab-1", O + "network create " + c + " -f value -c id").strip().length());
            lab.out("lab-1", O + "subnet create " + c + " --network " + c + " --subnet-range 192.0.2.0/28 -f value -c id");
            assertEquals("ACTIVE\n", lab.out("lab-1", O + "server create " + c + " --image cirros --flavor m1.tiny --network "
                    + c + " --wait -f value -c status"));
            lab.out("lab-1", O + "volume create " + c + " --size 1 -f value -c id");
            assertEquals("available\n", lab.out("lab-1", O + "volume show " + c + " -f value -c status"));
            lab.out("lab-1", O + "server add volume " + c + " " + c);
            assertEquals("in-use\n", lab.out("lab-1", O + "volume show " + c + " -f value -c status"));
            PlayResult busy = lab.run("lab-1", O + "volume delete " + c);
            assertEquals(1, busy.exitCode());
            assertTrue(busy.stderr().contains("1 of 1 volumes failed to delete."), busy.stderr());
            lab.out("lab-1", O + "server set --property belay=checked " + c);
            assertEquals("belay='checked'\n", lab.out("lab-1", O + "server show " + c + " -f value -c properties"));
            lab.out("lab-1", O + "server remove volume " + c + " " + c);
            lab.out("lab-1", O + "server delete --wait " + c);
            lab.out("lab-1", O + "volume delete " + c);
            lab.out("lab-1", O + "subnet delete " + c);
            lab.out("lab-1", O + "network delete " + c);
            PlayResult gone = lab.run("lab-1", O + "network delete " + c);
            assertEquals(1, gone.exitCode());
            assertTrue(gone.stderr().contains("No Network found for " + c), gone.stderr());
            assertEquals(1, lab.run("lab-1", O + "volume show " + c).exitCode());
        }
    }

    @Test
    void volumesNeedCinderAndNetworksNeutron() {
        try (LabFixture lab = new LabFixture(3)) {
            for (String h : java.util.List.of("lab-1", "lab-2", "lab-3")) {
                lab.cluster.services().stop(h, "cinder_api", lab.cluster.clock().now());
            }
            PlayResult r = lab.run("lab-1", O + "volume create v --size 1");
            assertEquals(1, r.exitCode());
            assertTrue(r.stderr().contains("Service Unavailable (HTTP 503)"), r.stderr());
            assertEquals(0, lab.run("lab-1", O + "network create n").exitCode());
        }
    }
}
