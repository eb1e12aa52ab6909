package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClusterTimelineTest {

    @Test
    void aHostGoesDownOnTheLabClockWithoutAnyFurtherCommandAndCloseStopsTheThread() throws Exception {
        LabFixture lab = new LabFixture(3);
        CountDownLatch down = new CountDownLatch(1);
        AtomicReference<Thread> firedOn = new AtomicReference<>();
        lab.cluster.addPowerListener(new PowerListener() {
            @Override
            public void wentDown(String host) {
                firedOn.set(Thread.currentThread());
                down.countDown();
            }

            @Override
            public void cameUp(String host) {
            }
        });
        lab.out("lab-1", "reboot");
        assertTrue(lab.cluster.isUp("lab-1"));
        // Only the clock moves: the SSH side must still hear the host go down.
        lab.wall.advance(Duration.ofSeconds(3));
        assertTrue(down.await(10, TimeUnit.SECONDS), "the timeline thread fired the power event");
        Thread poller = firedOn.get();
        assertEquals("lab-timeline", poller.getName());
        assertTrue(poller.isDaemon());
        lab.close();
        poller.join(10_000);
        assertFalse(poller.isAlive(), "close() stops the timeline thread");
    }

    @Test
    void aRebootOfLab1LeavesTheBootOfLab10Alone() {
        try (LabFixture lab = new LabFixture(11)) {
            lab.out("lab-10", "reboot");
            lab.pass(Duration.ofSeconds(3));
            assertFalse(lab.cluster.isUp("lab-10"));
            lab.out("lab-1", "reboot");
            lab.pass(Duration.ofSeconds(3));
            assertFalse(lab.cluster.isUp("lab-1"));
            lab.pass(Reboots.REBOOT_BOOT_TIME);
            assertTrue(lab.cluster.isUp("lab-10"), "lab-10 booted: lab-1's power-off cancelled only lab-1's events");
            assertTrue(lab.cluster.isUp("lab-1"));
        }
    }

    @Test
    void manyHostsPlayingAtOnceWhileHostsRebootLeaveAConsistentCluster() throws Exception {
        try (LabFixture lab = new LabFixture(5)) {
            List<String> commands = List.of("systemctl restart openstack-nova-api", "ceph -s", "ceph osd set noout",
                    "ceph osd unset noout", "openstack compute service list -f value -c Host -c State", "ss -ltn",
                    "curl -s -o /dev/null -w %{http_code} http://10.0.0.250:5000/v3", "yum check-update",
                    "systemctl is-active sshd docker", "ceph pg stat", "nova-manage --version",
                    "echo-not-played");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    int played = 0;
                    for (int i = 0; i < 150; i++) {
                        String host = "lab-" + (1 + r.nextInt(5));
                        if (!lab.cluster.isUp(host)) {
                            continue;
                        }
                        if (r.nextInt(60) == 0) {
                            lab.out(host, "reboot");
                        } else {
                            PlayResult res = lab.run(host, commands.get(r.nextInt(commands.size())));
                            assertTrue(res.exitCode() >= 0);
                        }
                        if (seed == 0) {
                            lab.pass(Duration.ofSeconds(5));
                        }
                        played++;
                    }
                    return played;
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            // A thread may find only hosts that are down and play nothing (hosts stay down while thread 0, the
            // one that moves the clock, skips them too); all together must have played.
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertTrue(total > 0, total + " commands played");
            lab.pass(Duration.ofMinutes(3));
            // Every reboot issued has gone down and come back within 3 lab minutes, however late the events fired.
            for (int i = 1; i <= 5; i++) {
                assertTrue(lab.cluster.isUp("lab-" + i), "lab-" + i + " is back");
            }
            lab.out("lab-1", "ceph osd unset noout");
            // The played scrub schedule depends on where the lab clock ends, which depends on how many turns thread 0
            // skipped for a down host; without these flags the final stat is "191 active+clean, 1 ...+scrubbing" one
            // run in ten.
            lab.out("lab-1", "ceph osd set noscrub");
            lab.out("lab-1", "ceph osd set nodeep-scrub");
            lab.pass(Duration.ofMinutes(3));
            String stat = lab.out("lab-1", "ceph osd stat");
            assertTrue(stat.contains("4 osds: 4 up, 4 in"), stat);
            assertTrue(lab.out("lab-1", "ceph pg stat").contains("192 pgs: 192 active+clean;"));
        }
    }
}
