package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code chown}, played because a lab host's sandbox is an unprivileged user namespace: a real
 * chown to another user fails there ("Invalid argument") and a shipped runbook would stop on it.
 * The play accepts owners the procedures use (root, ceph) and records Ceph's data ownership: Jewel
 * daemons run as the ceph user and refuse to start on data still owned by root, as the real ones do.
 * Other owners fail as chown does for an unknown user. File modes and real owners do not change.
 */
final class ChownPlay implements Play {

    private static final Set<String> USERS = Set.of("root", "ceph", "nova", "mysql", "rabbitmq", "kolla");

    @Override
    public Set<String> commands() {
        return Set.of("chown");
    }

    @Override
    public PlayResult run(Call call) {
        List<String> paths = new ArrayList<>();
        String owner = null;
        for (String a : call.args()) {
            if (a.startsWith("-")) {
                continue;
            }
            if (owner == null) {
                owner = a;
            } else {
                paths.add(a);
            }
        }
        if (owner == null || paths.isEmpty()) {
            return PlayResult.fail(1, "chown: missing operand\nTry 'chown --help' for more information.\n");
        }
        String user = owner.contains(":") ? owner.substring(0, owner.indexOf(':')) : owner;
        String group = owner.contains(":") ? owner.substring(owner.indexOf(':') + 1) : user;
        if (!USERS.contains(user) || (!group.isEmpty() && !USERS.contains(group))) {
            return PlayResult.fail(1, "chown: invalid user: '" + owner + "'\n");
        }
        if (user.equals("ceph")) {
            paths.forEach(p -> call.cluster().ceph().chownedToCeph(call.host(), p));
        }
        return PlayResult.ok("");
    }
}
