package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import java.time.Duration;

/**
 * The lab hosts' power cycles: a reboot, {@code shutdown -r} or kexec takes its host down on the lab
 * clock after the command that asked has returned, and boots it again after its boot time. Every
 * event of a host runs in its {@code power:HOST} lane of the {@link Timeline}, so a host's boot never
 * overlaps the power-off before it.
 */
final class Reboots {

    static final Duration REBOOT_BOOT_TIME = Duration.ofSeconds(90);
    static final Duration KEXEC_BOOT_TIME = Duration.ofSeconds(20);
    /** Where the lab keeps {@code /.autorelabel} (the machine's / is read-only in the sandbox; see touch.sh). */
    static final String AUTORELABEL = "/var/lib/belay-lab/autorelabel";

    private final Cluster cluster;

    Reboots(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * {@code h} goes down {@code delay} from now (after the command that asked has returned) and
     * boots again after its boot time, unless {@code host-no-return} strikes it.
     */
    void schedule(String h, Duration delay, boolean kexec) {
        cluster.timeline().schedule(delay, lane(h), () -> powerOff(h, kexec));
    }

    /** {@code shutdown -c}: drops every pending event of the host's lane (a boot too; a down host takes no commands). */
    void cancel(String h) {
        cluster.timeline().cancel(lane(h));
    }

    private static String lane(String h) {
        return "power:" + h;
    }

    private void powerOff(String h, boolean kexec) {
        if (!cluster.power().isUp(h)) {
            return;
        }
        HostOs os = cluster.hostOs();
        os.poweredOff(h);
        os.stopContainers(h, cluster.timeline().now());
        cluster.power().goDown(h);
        // A reboot forgets whatever shutdown was still scheduled.
        cluster.timeline().cancel(lane(h));
        cluster.timeline().schedule(kexec ? KEXEC_BOOT_TIME : REBOOT_BOOT_TIME, lane(h), () -> boot(h, kexec));
    }

    private void boot(String h, boolean kexec) {
        if (cluster.faults().has(FaultKind.HOST_NO_RETURN, h)) {
            // Checked at boot time: a fault injected while the host is down still keeps it down.
            return;
        }
        HostOs os = cluster.hostOs();
        HostOs.Boot boot = os.boot(h, kexec);
        cluster.power().comeUp(h, boot.kernel());
        cluster.syncFiles(h, false);
        relabel(h);
        // Host daemons first (docker brings back the containers it ran), then the enabled container units.
        for (HostOs.UnitSpec u : boot.enabled().stream().filter(u -> u.container() == null && !u.isTarget()).toList()) {
            startQuietly(os, h, u);
        }
        for (HostOs.UnitSpec u : boot.enabled().stream().filter(u -> u.container() != null).toList()) {
            if (cluster.services().get(h, u.container()).isPresent()) {
                startQuietly(os, h, u);
            }
        }
    }

    /** SELinux relabels the whole file system at a boot that finds the flag, then removes it. */
    private void relabel(String h) {
        try {
            cluster.files().delete(h, AUTORELABEL);
        } catch (RuntimeException e) {
            System.err.println("lab: cannot remove " + AUTORELABEL + " on " + h + ": " + e.getMessage());
        }
    }

    private static void startQuietly(HostOs os, String h, HostOs.UnitSpec u) {
        try {
            os.start(h, u);
        } catch (PlayFailure e) {
            // A unit that fails at boot stays failed, as systemd leaves it.
        }
    }
}
