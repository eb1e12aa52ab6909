package dev.belay.lab.play;

import java.util.List;
import java.util.Optional;

/**
 * The {@code openstack} commands a canary test makes and unmakes (upgrade-verification,
 * liberty-to-ocata-upgrade.txt:410, 443-444): {@code network create|show|delete}, {@code subnet
 * create|delete}, {@code volume create|show|delete}, {@code server add|remove volume}, {@code server
 * set --property}. Networks need {@code neutron_server}, volumes {@code cinder_api}; a volume is
 * {@code available} when made, {@code in-use} while attached. Errors are the client's
 * ({@code No network found for X}, exit 1).
 */
final class CanaryCommands {

    static final List<String> COMMANDS = List.of("network create", "network show", "network delete", "subnet create",
            "subnet delete", "volume create", "volume show", "volume delete", "server add volume",
            "server remove volume", "server set");

    private CanaryCommands() {
    }

    static OpenStackPlay.Out run(Call call, OpenStackPlay.Cmd cmd) throws PlayFailure {
        Cloud cloud = call.cluster().cloud();
        String name = cmd.pos().isEmpty() ? "" : cmd.pos().get(0);
        return switch (cmd.name()) {
            case "network create", "subnet create" -> {
                String kind = cmd.name().split(" ")[0];
                OpenStackPlay.reach(call, "neutron_server");
                if (kind.equals("subnet") && cloud.resource("network", cmd.opts().getOrDefault("--network", "")).isEmpty()) {
                    throw new PlayFailure(1, "No Network found for " + cmd.opts().getOrDefault("--network", ""));
                }
                String id = cloud.addResource(kind, name);
                yield one(List.of("id", "name", "status"), List.of(id, name, "ACTIVE"));
            }
            case "network show" -> {
                OpenStackPlay.reach(call, "neutron_server");
                String id = cloud.resource("network", name).orElseThrow(() -> new PlayFailure(1, "No Network found for " + name));
                yield one(List.of("id", "name", "status"), List.of(id, name, "ACTIVE"));
            }
            case "network delete", "subnet delete" -> {
                String kind = cmd.name().split(" ")[0];
                OpenStackPlay.reach(call, "neutron_server");
                if (!cloud.removeResource(kind, name)) {
                    throw new PlayFailure(1, "Failed to delete " + kind + " with name or ID '" + name + "': No "
                            + (kind.equals("network") ? "Network" : "Subnet") + " found for " + name
                            + "\n1 of 1 " + kind + "s failed to delete.");
                }
                yield none();
            }
            case "volume create" -> {
                OpenStackPlay.reach(call, "cinder_api");
                Cloud.Simple v = cloud.addVolume(name);
                yield one(List.of("id", "name", "size", "status"), List.of(v.id(), name, cmd.opts().getOrDefault("--size", "1"),
                        v.status()));
            }
            case "volume show" -> {
                OpenStackPlay.reach(call, "cinder_api");
                Cloud.Simple v = volume(cloud, name);
                yield one(List.of("id", "name", "status"), List.of(v.id(), v.name(), v.status()));
            }
            case "volume delete" -> {
                OpenStackPlay.reach(call, "cinder_api");
                Cloud.Simple v = volume(cloud, name);
                if (v.status().equals("in-use")) {
                    throw new PlayFailure(1, "Failed to delete volume with name or ID '" + name + "': Invalid volume: "
                            + "Volume status must be available or error or error_restoring or error_extending or "
                            + "error_managing and must not be migrating, attached, belong to a group, have snapshots "
                            + "or be disassociated from snapshots after volume transfer. (HTTP 400)\n1 of 1 volumes failed to delete.");
                }
                cloud.removeVolume(v);
                yield none();
            }
            case "server add volume", "server remove volume" -> {
                OpenStackPlay.reach(call, "nova_api");
                OpenStackPlay.server(cloud, name);
                Cloud.Simple v = volume(cloud, cmd.pos().size() > 1 ? cmd.pos().get(1) : "");
                cloud.setVolumeStatus(v, cmd.name().startsWith("server add") ? "in-use" : "available");
                yield none();
            }
            default -> { // server set --property K=V
                OpenStackPlay.reach(call, "nova_api");
                Cloud.Server s = OpenStackPlay.server(cloud, cmd.pos().isEmpty() ? "" : cmd.pos().get(cmd.pos().size() - 1));
                Optional.ofNullable(cmd.opt("--property")).ifPresent(p -> {
                    int eq = p.indexOf('=');
                    cloud.setProperty(s.id(), eq < 0 ? p + "=''" : p.substring(0, eq) + "='" + p.substring(eq + 1) + "'");
                });
                yield none();
            }
        };
    }

    private static Cloud.Simple volume(Cloud cloud, String nameOrId) throws PlayFailure {
        return cloud.volume(nameOrId).orElseThrow(() -> new PlayFailure(1, "No volume with a name or ID of '" + nameOrId
                + "' exists."));
    }

    private static OpenStackPlay.Out one(List<String> cols, List<String> vals) {
        return new OpenStackPlay.Out(cols, List.of(vals), true);
    }

    private static OpenStackPlay.Out none() {
        return new OpenStackPlay.Out(List.of(), List.of(), false);
    }
}
