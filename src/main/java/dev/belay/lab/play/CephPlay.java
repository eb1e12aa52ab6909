package dev.belay.lab.play;

import dev.belay.lab.play.Ceph.Mon;
import dev.belay.lab.play.Ceph.Osd;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code ceph} CLI of Hammer and Jewel (plain output as 0.94/10.2 print it) and
 * {@code ceph-disk}. Every cluster command needs a monitor quorum; without one the client gives up
 * as the real one does after its timeout (the play answers at once).
 */
final class CephPlay implements Play {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public Set<String> commands() {
        return Set.of("ceph", "ceph-disk");
    }

    @Override
    public PlayResult run(Call call) {
        Ceph ceph = call.cluster().ceph();
        if (call.command().equals("ceph-disk")) {
            if (call.args().contains("activate-all")) {
                return ceph.activateAll(call.host());
            }
            if (call.args().contains("list")) {
                StringBuilder out = new StringBuilder();
                char dev = 'b';
                for (int id : Ceph.osdIds(call.cluster().topology(), call.host())) {
                    out.append("/dev/sd").append(dev).append(" :\n /dev/sd").append(dev).append("1 ceph data, active, cluster ceph, osd.")
                            .append(id).append(", journal /dev/sd").append(dev).append("2\n");
                    dev++;
                }
                return PlayResult.ok(out.toString());
            }
            return PlayResult.fail(2, "usage: ceph-disk [-h] [-v] ... {prepare,activate,activate-all,list,...}\n");
        }
        List<String> args = new ArrayList<>();
        String format = "plain";
        for (int i = 0; i < call.args().size(); i++) {
            String a = call.args().get(i);
            if (a.equals("-f") || a.equals("--format")) {
                format = call.args().get(++i);
            } else if (a.startsWith("--format=")) {
                format = a.substring(9);
            } else if (a.equals("--cluster") || a.equals("-c") || a.equals("--conf") || a.equals("--id") || a.equals("-n")
                    || a.equals("--name") || a.equals("--connect-timeout") || a.equals("-k") || a.equals("--keyring")) {
                i++;
            } else {
                args.add(a);
            }
        }
        String cmd = String.join(" ", args);
        if (cmd.equals("-v") || cmd.equals("--version") || cmd.equals("-V")) {
            String v = Rpms.upstream(call.cluster().hostOs().packages(call.host()).getOrDefault("ceph-common", Rpms.HAMMER));
            return PlayResult.ok(Ceph.versionLine(v) + "\n");
        }
        if (!ceph.hasQuorum()) {
            String t = STAMP.format(call.cluster().clock().now());
            return PlayResult.fail(1, t + " 7f3c2e4a6700  0 monclient(hunting): authenticate timed out after 300\n"
                    + t + " 7f3c2e4a6700  0 librados: client.admin authentication error (110) Connection timed out\n"
                    + "Error connecting to cluster: TimedOut\n");
        }
        boolean json = format.startsWith("json");
        boolean pretty = format.equals("json-pretty");
        return switch (cmd) {
            case "-s", "status" -> PlayResult.ok(status(call));
            case "health" -> PlayResult.ok(health(call, false));
            case "health detail" -> PlayResult.ok(health(call, true));
            case "mon stat" -> PlayResult.ok(monStat(call) + "\n");
            case "quorum_status" -> PlayResult.ok(quorumStatus(call, pretty) + "\n");
            case "osd stat" -> PlayResult.ok(osdStat(call));
            case "osd tree" -> PlayResult.ok(osdTree(call));
            case "osd dump" -> PlayResult.ok(osdDump(call));
            case "pg stat" -> PlayResult.ok(pgStat(call) + "\n");
            case "osd crush show-tunables" -> PlayResult.ok(showTunables(ceph.tunables()));
            case "version" -> PlayResult.ok(Ceph.versionLine(ceph.monVersion()) + "\n");
            case "versions" -> PlayResult.fail(22, "no valid command found; 10 closest matches:\nversion\nstatus\n"
                    + "Error EINVAL: invalid command\n");
            case "tell osd.* version" -> tellVersions(call);
            default -> {
                if (args.size() == 3 && args.get(0).equals("osd") && (args.get(1).equals("set") || args.get(1).equals("unset"))) {
                    yield setFlag(call, args.get(1).equals("set"), args.get(2));
                }
                if (args.size() == 4 && cmd.startsWith("osd crush tunables ")) {
                    yield tunables(call, args.get(3));
                }
                if (args.size() == 3 && args.get(0).equals("tell") && args.get(2).equals("version")) {
                    yield tellVersions(call);
                }
                yield PlayResult.fail(22, "no valid command found; 10 closest matches:\nosd stat\nosd tree\n"
                        + "Error EINVAL: invalid command\n");
            }
        };
    }

    // ------------------------------------------------------------------ health

    private static List<String> healthItems(Call call, boolean detail, List<String> details) {
        Ceph ceph = call.cluster().ceph();
        List<String> items = new ArrayList<>();
        Map<String, Integer> pgs = ceph.pgStates();
        int degraded = pgs.entrySet().stream().filter(e -> e.getKey().contains("degraded")).mapToInt(Map.Entry::getValue).sum();
        int undersized = pgs.entrySet().stream().filter(e -> e.getKey().contains("undersized")).mapToInt(Map.Entry::getValue).sum();
        int recovering = pgs.entrySet().stream().filter(e -> e.getKey().contains("recovering")).mapToInt(Map.Entry::getValue).sum();
        int backfill = pgs.entrySet().stream().filter(e -> e.getKey().contains("backfilling")).mapToInt(Map.Entry::getValue).sum();
        int stale = pgs.entrySet().stream().filter(e -> e.getKey().startsWith("stale")).mapToInt(Map.Entry::getValue).sum();
        int inactive = stale + pgs.entrySet().stream().filter(e -> e.getKey().contains("peered")).mapToInt(Map.Entry::getValue).sum();
        if (inactive > 0 && ceph.longestDown().compareTo(Ceph.DOWN_OUT) >= 0) {
            items.add(inactive + " pgs are stuck inactive for more than 300 seconds");
        }
        if (backfill > 0) {
            items.add(backfill + " pgs backfilling");
        }
        if (degraded > 0) {
            items.add(degraded + " pgs degraded");
        }
        int peered = pgs.entrySet().stream().filter(e -> e.getKey().contains("peered")).mapToInt(Map.Entry::getValue).sum();
        if (peered > 0) {
            items.add(peered + " pgs peered");
        }
        if (recovering > 0) {
            items.add(recovering + " pgs recovering");
        }
        if (stale > 0) {
            items.add(stale + " pgs stale");
        }
        if (undersized > 0) {
            items.add(undersized + " pgs undersized");
        }
        if (degraded > 0) {
            int total = Ceph.OBJECTS * Ceph.SIZE;
            int objs = (int) Math.round((double) Ceph.OBJECTS * degraded / Ceph.PGS);
            items.add(String.format(Locale.ROOT, "recovery %d/%d objects degraded (%.3f%%)", objs, total, 100.0 * objs / total));
        }
        if (backfill > 0) {
            int total = Ceph.OBJECTS * Ceph.SIZE;
            int objs = (int) Math.round((double) Ceph.OBJECTS * backfill / Ceph.PGS);
            items.add(String.format(Locale.ROOT, "recovery %d/%d objects misplaced (%.3f%%)", objs, total, 100.0 * objs / total));
        }
        List<Osd> osds = ceph.osds();
        long in = osds.stream().filter(Osd::in).count();
        long downIn = osds.stream().filter(o -> o.in() && !o.up()).count();
        if (downIn > 0) {
            items.add(downIn + "/" + in + " in osds are down");
            osds.stream().filter(o -> !o.up()).forEach(o -> details.add("osd." + o.id() + " is down since epoch "
                    + ceph.osdEpoch() + ", last address " + call.cluster().network().address(o.host()) + ":"
                    + (6800 + 2 * o.id()) + "/" + (3000 + o.id())));
        }
        List<String> warn = ceph.flags().stream().filter(Ceph.WARN_FLAGS::contains).toList();
        if (!warn.isEmpty()) {
            items.add(String.join(",", warn) + " flag(s) set");
        }
        List<Mon> mons = ceph.mons();
        List<Mon> quorum = mons.stream().filter(Mon::inQuorum).toList();
        if (quorum.size() < mons.size()) {
            items.add((mons.size() - quorum.size()) + " mons down, quorum "
                    + quorum.stream().map(m -> String.valueOf(m.rank())).collect(Collectors.joining(",")) + " "
                    + quorum.stream().map(Mon::host).collect(Collectors.joining(",")));
            mons.stream().filter(m -> !m.inQuorum()).forEach(m -> details.add("mon." + m.host() + " (rank " + m.rank()
                    + ") addr " + call.cluster().network().address(m.host()) + ":6789/0 is down (out of quorum)"));
        }
        boolean allJewel = osds.stream().filter(Osd::up).allMatch(o -> o.version().startsWith("10."))
                && osds.stream().anyMatch(Osd::up);
        if (allJewel && !ceph.flags().contains("require_jewel_osds")) {
            items.add("all OSDs are running jewel or later but the 'require_jewel_osds' osdmap flag is not set");
        }
        if (detail) {
            pgs.forEach((state, n) -> {
                if (state.contains("degraded") || state.contains("backfilling")) {
                    for (int i = 0; i < n; i++) {
                        details.add(0, "pg " + (1 + i % 3) + "." + Integer.toHexString(i / 3) + " is " + state
                                + ", acting [" + (i % Math.max(1, osds.size())) + "," + ((i + 2) % Math.max(1, osds.size())) + "]");
                    }
                }
            });
        }
        return items;
    }

    /** HEALTH_ERR once placement groups are stuck inactive (no I/O), HEALTH_WARN for anything else. */
    private static String level(List<String> items) {
        return items.stream().anyMatch(i -> i.contains("stuck inactive")) ? "HEALTH_ERR" : "HEALTH_WARN";
    }

    private String health(Call call, boolean detail) {
        List<String> details = new ArrayList<>();
        List<String> items = healthItems(call, detail, details);
        if (items.isEmpty()) {
            return "HEALTH_OK\n";
        }
        StringBuilder out = new StringBuilder(level(items)).append(' ').append(String.join("; ", items)).append('\n');
        if (detail) {
            details.forEach(d -> out.append(d).append('\n'));
            call.cluster().ceph().flags().stream().filter(Ceph.WARN_FLAGS::contains).findAny()
                    .ifPresent(f -> out.append(String.join(",", call.cluster().ceph().flags().stream()
                            .filter(Ceph.WARN_FLAGS::contains).toList())).append(" flag(s) set\n"));
        }
        return out.toString();
    }

    private String status(Call call) {
        Ceph ceph = call.cluster().ceph();
        List<String> items = healthItems(call, false, new ArrayList<>());
        StringBuilder out = new StringBuilder();
        out.append("    cluster ").append(Ceph.FSID).append('\n');
        out.append("     health ").append(items.isEmpty() ? "HEALTH_OK" : level(items)).append('\n');
        items.forEach(i -> out.append("            ").append(i).append('\n'));
        List<Mon> mons = ceph.mons();
        List<Mon> q = mons.stream().filter(Mon::inQuorum).toList();
        out.append("     monmap e1: ").append(mons.size()).append(" mons at ").append(monAddrs(call)).append('\n');
        out.append("            election epoch ").append(ceph.electionEpoch()).append(", quorum ")
                .append(q.stream().map(m -> String.valueOf(m.rank())).collect(Collectors.joining(","))).append(' ')
                .append(q.stream().map(Mon::host).collect(Collectors.joining(","))).append('\n');
        out.append(osdStat(call));
        out.append("      pgmap v").append(ceph.pgmapVersion()).append(": ").append(Ceph.PGS).append(" pgs, 3 pools, ")
                .append(dataLine()).append(", ").append(Ceph.OBJECTS).append(" objects\n");
        out.append("            ").append(usedLine()).append('\n');
        ceph.pgStates().forEach((state, n) -> out.append(String.format("%20d %s%n", n, state)));
        return out.toString();
    }

    private static String dataLine() {
        return "12288 MB data";
    }

    private static String usedLine() {
        return "37102 MB used, 558 GB / 594 GB avail";
    }

    private static String monAddrs(Call call) {
        return "{" + call.cluster().ceph().mons().stream()
                .map(m -> m.host() + "=" + call.cluster().network().address(m.host()) + ":6789/0")
                .collect(Collectors.joining(",")) + "}";
    }

    private String monStat(Call call) {
        Ceph ceph = call.cluster().ceph();
        List<Mon> mons = ceph.mons();
        List<Mon> q = mons.stream().filter(Mon::inQuorum).toList();
        return "e1: " + mons.size() + " mons at " + monAddrs(call) + ", election epoch " + ceph.electionEpoch()
                + ", quorum " + q.stream().map(m -> String.valueOf(m.rank())).collect(Collectors.joining(",")) + " "
                + q.stream().map(Mon::host).collect(Collectors.joining(","));
    }

    private String quorumStatus(Call call, boolean pretty) {
        Ceph ceph = call.cluster().ceph();
        List<Mon> mons = ceph.mons();
        List<Mon> q = mons.stream().filter(Mon::inQuorum).toList();
        String nl = pretty ? "\n" : "";
        String i1 = pretty ? "    " : "";
        String i2 = pretty ? "        " : "";
        String i3 = pretty ? "            " : "";
        String i4 = pretty ? "                " : "";
        String sep = pretty ? ": " : ":";
        String comma = pretty ? ",\n" : ",";
        String t = "2026-05-05 10:00:00.000000";
        StringBuilder b = new StringBuilder("{").append(nl);
        b.append(i1).append("\"election_epoch\"").append(sep).append(ceph.electionEpoch()).append(comma);
        b.append(i1).append("\"quorum\"").append(sep).append(list(q.stream().map(m -> String.valueOf(m.rank())).toList(), pretty, i1)).append(comma);
        b.append(i1).append("\"quorum_names\"").append(sep)
                .append(list(q.stream().map(m -> "\"" + m.host() + "\"").toList(), pretty, i1)).append(comma);
        b.append(i1).append("\"quorum_leader_name\"").append(sep).append('"').append(q.isEmpty() ? "" : q.get(0).host())
                .append('"').append(comma);
        b.append(i1).append("\"monmap\"").append(sep).append("{").append(nl);
        b.append(i2).append("\"epoch\"").append(sep).append(1).append(comma);
        b.append(i2).append("\"fsid\"").append(sep).append('"').append(Ceph.FSID).append('"').append(comma);
        b.append(i2).append("\"modified\"").append(sep).append('"').append(t).append('"').append(comma);
        b.append(i2).append("\"created\"").append(sep).append('"').append(t).append('"').append(comma);
        b.append(i2).append("\"mons\"").append(sep).append("[").append(nl);
        for (int k = 0; k < mons.size(); k++) {
            Mon m = mons.get(k);
            String addr = call.cluster().network().address(m.host());
            b.append(i3).append("{").append(nl)
                    .append(i4).append("\"rank\"").append(sep).append(m.rank()).append(comma)
                    .append(i4).append("\"name\"").append(sep).append('"').append(m.host()).append('"').append(comma)
                    .append(i4).append("\"addr\"").append(sep).append('"').append(addr).append(pretty ? ":6789/0" : ":6789\\/0")
                    .append('"').append(nl)
                    .append(i3).append("}").append(k < mons.size() - 1 ? comma : nl);
        }
        b.append(i2).append("]").append(nl).append(i1).append("}").append(nl).append("}");
        return b.toString();
    }

    private static String list(List<String> items, boolean pretty, String indent) {
        if (!pretty) {
            return "[" + String.join(",", items) + "]";
        }
        if (items.isEmpty()) {
            return "[]";
        }
        return "[\n" + items.stream().map(i -> indent + "    " + i).collect(Collectors.joining(",\n")) + "\n" + indent + "]";
    }

    private String osdStat(Call call) {
        Ceph ceph = call.cluster().ceph();
        List<Osd> osds = ceph.osds();
        StringBuilder out = new StringBuilder("     osdmap e").append(ceph.osdEpoch()).append(": ").append(osds.size())
                .append(" osds: ").append(osds.stream().filter(Osd::up).count()).append(" up, ")
                .append(osds.stream().filter(Osd::in).count()).append(" in\n");
        if (!ceph.flags().isEmpty()) {
            out.append("            flags ").append(String.join(",", ceph.flags())).append('\n');
        }
        return out.toString();
    }

    private String osdTree(Call call) {
        Ceph ceph = call.cluster().ceph();
        List<Osd> osds = ceph.osds();
        StringBuilder out = new StringBuilder("ID WEIGHT  TYPE NAME      UP/DOWN REWEIGHT PRIMARY-AFFINITY \n");
        out.append(String.format(Locale.ROOT, "-1 %.5f root default                                     %n", 0.09769 * osds.size()));
        int bucket = -2;
        for (String h : call.cluster().topology().role("ceph_osds")) {
            List<Osd> mine = osds.stream().filter(o -> o.host().equals(h)).toList();
            out.append(String.format(Locale.ROOT, "%2d %.5f     host %-8s                                 %n", bucket--,
                    0.09769 * mine.size(), h));
            for (Osd o : mine) {
                out.append(String.format(Locale.ROOT, "%2d %.5f         osd.%-3d %7s  %.5f          1.00000 %n", o.id(), 0.09769,
                        o.id(), o.up() ? "up" : "down", o.in() ? 1.0 : 0.0));
            }
        }
        return out.toString();
    }

    private String osdDump(Call call) {
        Ceph ceph = call.cluster().ceph();
        StringBuilder out = new StringBuilder();
        out.append("epoch ").append(ceph.osdEpoch()).append('\n');
        out.append("fsid ").append(Ceph.FSID).append('\n');
        out.append("created 2026-05-05 10:00:00.000000\n");
        out.append("modified ").append(STAMP.format(call.cluster().clock().now())).append('\n');
        out.append("flags ").append(String.join(",", ceph.flags())).append('\n');
        String[] pools = {"images", "volumes", "vms"};
        for (int i = 0; i < pools.length; i++) {
            out.append("pool ").append(i + 1).append(" '").append(pools[i]).append("' replicated size 3 min_size 2 crush_ruleset 0")
                    .append(" object_hash rjenkins pg_num 64 pgp_num 64 last_change 40 flags hashpspool stripe_width 0\n");
        }
        List<Osd> osds = ceph.osds();
        out.append("max_osd ").append(osds.size()).append('\n');
        for (Osd o : osds) {
            String addr = call.cluster().network().address(o.host()) + ":" + (6800 + 2 * o.id()) + "/" + (3000 + o.id());
            out.append("osd.").append(o.id()).append(o.up() ? " up  " : " down").append(o.in() ? " in " : " out")
                    .append(" weight ").append(o.in() ? "1" : "0").append(" up_from 4 up_thru 50 down_at 0 last_clean_interval [0,0) ")
                    .append(addr).append(' ').append(addr).append(' ').append(addr).append(' ').append(addr)
                    .append(o.up() ? " exists,up" : " exists").append('\n');
        }
        return out.toString();
    }

    private String pgStat(Call call) {
        Ceph ceph = call.cluster().ceph();
        Map<String, Integer> states = ceph.pgStates();
        StringBuilder out = new StringBuilder("v").append(ceph.pgmapVersion()).append(": ").append(Ceph.PGS).append(" pgs: ");
        out.append(states.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        out.append("; ").append(dataLine()).append(", ").append(usedLine());
        int degraded = ceph.degradedPgs();
        if (degraded > 0) {
            int total = Ceph.OBJECTS * Ceph.SIZE;
            int objs = (int) Math.round((double) Ceph.OBJECTS * degraded / Ceph.PGS);
            out.append(String.format(Locale.ROOT, "; %d/%d objects degraded (%.3f%%)", objs, total, 100.0 * objs / total));
        }
        return out.toString();
    }

    private PlayResult setFlag(Call call, boolean on, String flag) {
        Ceph ceph = call.cluster().ceph();
        boolean jewelMons = ceph.monVersion().startsWith("10.");
        if (!Ceph.SETTABLE.contains(flag) || (flag.equals("require_jewel_osds") && !jewelMons)) {
            return PlayResult.fail(22, "Invalid command:  " + flag + " not in full|pause|noup|nodown|noout|noin|nobackfill|"
                    + "norebalance|norecover|noscrub|nodeep-scrub|notieragent|sortbitwise"
                    + (jewelMons ? "|require_jewel_osds" : "") + "\nosd " + (on ? "set" : "unset") + " " + flag
                    + " :  set <key>\nError EINVAL: invalid command\n");
        }
        if (on && flag.equals("require_jewel_osds")
                && !ceph.osds().stream().filter(Osd::up).allMatch(o -> o.version().startsWith("10."))) {
            return PlayResult.fail(1, "Error EPERM: not all up OSDs have CEPH_FEATURE_SERVER_JEWEL feature\n");
        }
        ceph.flag(flag, on);
        return new PlayResult("", (on ? "set " : "unset ") + flag + "\n", 0);
    }

    private PlayResult tunables(Call call, String profile) {
        Ceph ceph = call.cluster().ceph();
        boolean jewel = ceph.monVersion().startsWith("10.");
        List<String> known = new ArrayList<>(List.of("legacy", "argonaut", "bobtail", "firefly", "hammer", "optimal", "default"));
        if (jewel) {
            known.add("jewel");
        }
        if (!known.contains(profile)) {
            return PlayResult.fail(22, "Invalid command:  " + profile + " not in " + String.join("|", known)
                    + "\nError EINVAL: invalid command\n");
        }
        String effective = switch (profile) {
            case "optimal" -> jewel ? "jewel" : "hammer";
            case "default" -> jewel ? "jewel" : "firefly";
            case "legacy" -> "argonaut";
            default -> profile;
        };
        ceph.setTunables(effective);
        return new PlayResult("", "adjusted tunables profile to " + profile + "\n", 0);
    }

    static String showTunables(String profile) {
        boolean jewel = profile.equals("jewel");
        boolean hammerPlus = jewel || profile.equals("hammer");
        boolean fireflyPlus = hammerPlus || profile.equals("firefly");
        return "{\n"
                + "    \"choose_local_tries\": 0,\n"
                + "    \"choose_local_fallback_tries\": 0,\n"
                + "    \"choose_total_tries\": 50,\n"
                + "    \"chooseleaf_descend_once\": 1,\n"
                + "    \"chooseleaf_vary_r\": " + (fireflyPlus ? 1 : 0) + ",\n"
                + "    \"chooseleaf_stable\": " + (jewel ? 1 : 0) + ",\n"
                + "    \"straw_calc_version\": 1,\n"
                + "    \"allowed_bucket_algs\": " + (hammerPlus ? 54 : 22) + ",\n"
                + "    \"profile\": \"" + profile + "\",\n"
                + "    \"optimal_tunables\": " + (jewel ? 1 : 0) + ",\n"
                + "    \"legacy_tunables\": 0,\n"
                + "    \"minimum_required_version\": \"" + profile + "\",\n"
                + "    \"require_feature_tunables\": 1,\n"
                + "    \"require_feature_tunables2\": 1,\n"
                + "    \"has_v2_rules\": 0,\n"
                + "    \"require_feature_tunables3\": " + (fireflyPlus ? 1 : 0) + ",\n"
                + "    \"has_v3_rules\": 0,\n"
                + "    \"has_v4_buckets\": " + (hammerPlus ? 1 : 0) + ",\n"
                + "    \"require_feature_tunables5\": " + (jewel ? 1 : 0) + ",\n"
                + "    \"has_v5_rules\": 0\n"
                + "}\n";
    }

    private PlayResult tellVersions(Call call) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        String target = call.args().size() > 1 ? call.args().get(1) : "osd.*";
        if (target.startsWith("mon.")) {
            // `ceph tell mon.NAME version`: what that monitor's daemon runs, which may lag its host's
            // packages until it restarts.
            String name = target.substring(4);
            Mon mon = call.cluster().ceph().mons().stream().filter(m -> m.host().equals(name)).findFirst().orElse(null);
            if (mon == null) {
                return PlayResult.fail(22, "Error EINVAL: mon." + name + " does not exist\n");
            }
            if (!mon.running()) {
                return PlayResult.fail(6, "Error ENXIO: problem getting command descriptions from mon." + name + "\n");
            }
            return PlayResult.ok(Ceph.versionLine(mon.version()) + "\n");
        }
        for (Osd o : call.cluster().ceph().osds()) {
            if (!target.equals("osd.*") && !target.equals("osd." + o.id())) {
                continue;
            }
            if (!o.up()) {
                err.append("Error ENXIO: problem getting command descriptions from osd.").append(o.id()).append('\n');
                out.append("osd.").append(o.id()).append(": problem getting command descriptions from osd.").append(o.id()).append('\n');
                continue;
            }
            out.append("osd.").append(o.id()).append(": {\n    \"version\": \"").append(Ceph.versionLine(o.version()))
                    .append("\"\n}\n");
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 6);
    }
}
