package dev.belay.engine;

import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.ssh.auth.SshTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SSH target of an inventory host, jump chain included: one reading of the inventory shared by
 * the engine's transport and the desktop's live terminals, so both reach a host the same way.
 */
public final class SshTargets {

    private SshTargets() {
    }

    public static SshTarget of(Inventory inventory, String hostName) {
        Host host = inventory.hosts().get(hostName);
        if (host == null) {
            throw new IllegalArgumentException("host " + hostName + " is not in the " + inventory.environment() + " inventory");
        }
        return of(inventory, host, new ArrayList<>());
    }

    public static SshTarget of(Inventory inventory, Host host) {
        return of(inventory, host, new ArrayList<>());
    }

    private static SshTarget of(Inventory inventory, Host host, List<String> seen) {
        if (seen.contains(host.name())) {
            throw new IllegalStateException("inventory: jump hosts loop through " + host.name());
        }
        seen.add(host.name());
        List<SshTarget> chain = new ArrayList<>();
        if (host.jump() != null) {
            Host jump = inventory.hosts().get(host.jump());
            if (jump == null) {
                throw new IllegalStateException("inventory: host " + host.name() + " jumps through unknown host " + host.jump());
            }
            SshTarget j = of(inventory, jump, seen);
            chain.addAll(j.jumps());
            chain.add(new SshTarget(j.name(), j.address(), j.port(), j.user(), j.identityFile(), List.of(), null));
        }
        return new SshTarget(host.name(), host.address(), host.port(), host.user(), identity(host.identity()), chain, null);
    }

    private static Path identity(String written) {
        if (written == null || written.isBlank()) {
            return null;
        }
        if (written.equals("~") || written.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(written.length() > 2 ? written.substring(2) : "");
        }
        return Path.of(written);
    }
}
