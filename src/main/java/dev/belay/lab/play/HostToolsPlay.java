package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small host tools the runbooks read a host's state with, answered from the lab instead of the
 * sandbox (which has no network, one loopback interface and the trainer's own disk):
 * <ul>
 * <li>{@code df}: CentOS 7's one XFS root of 50 GiB; with {@code disk-full@H} it is 100% used with
 * nothing available, as the writes on H fail;</li>
 * <li>{@code findmnt}: the root and the OSD data partitions ({@code /dev/sdb1} on
 * {@code /var/lib/ceph/osd/ceph-ID}, the mounts of the fstab the Ceph play writes);</li>
 * <li>{@code getent hosts|ahosts|ahostsv4}: the lab hosts' names on their addresses (10.0.0.11...),
 * as Kolla's bootstrap-servers writes /etc/hosts; with {@code dns-wrong@H}, H's name resolves to
 * 127.0.1.1 (a Debian-style /etc/hosts line) everywhere; {@code passwd} and {@code group} read the
 * host's own files;</li>
 * <li>{@code hostname}: the name, {@code -s}, {@code -f}, {@code -i} (the name resolved) and
 * {@code -I} (the host's addresses, the VIP too on its holder);</li>
 * <li>{@code ping}: iputils' output; the lab hosts that are up, the VIP while a controller holds it,
 * and the instances' floating IPs while their compute's {@code nova_compute} runs;</li>
 * <li>{@code systemd-run [--unit U] [--on-active=T] CMD...}: a transient timer that runs a played
 * command (a reboot) later on the lab clock, outliving the session that scheduled it, which a
 * {@code nohup ... &} cannot do in a sandbox (its process dies with the command's namespace);</li>
 * <li>{@code restorecon}: SELinux relabelling, which changes nothing the lab plays.</li>
 * </ul>
 */
final class HostToolsPlay implements Play {

    /** The root file system's size and use in MiB (a CentOS 7 default layout with 50 GiB root). */
    static final long ROOT_MB = 51175;
    static final long ROOT_USED_MB = 8123;
    /** What a Debian-style /etc/hosts resolves the host's own name to (BB:93's broken DNS). */
    static final String WRONG_ADDRESS = "127.0.1.1";

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|sec|m|min|h|hr)?");

    @Override
    public Set<String> commands() {
        return Set.of("df", "findmnt", "getent", "hostname", "ping", "systemd-run", "restorecon");
    }

    @Override
    public PlayResult run(Call call) throws InterruptedException {
        return switch (call.command()) {
            case "df" -> df(call);
            case "findmnt" -> findmnt(call);
            case "getent" -> getent(call);
            case "hostname" -> hostname(call);
            case "ping" -> ping(call);
            case "systemd-run" -> systemdRun(call);
            default -> PlayResult.ok("");
        };
    }

    // ------------------------------------------------------------------ df

    private static PlayResult df(Call call) {
        String flags = String.join("", call.args().stream().filter(a -> a.startsWith("-") && !a.startsWith("--")).toList());
        boolean mb = flags.contains("m");
        boolean human = flags.contains("h") || call.args().contains("--human-readable");
        boolean posix = flags.contains("P") || call.args().contains("--portability");
        boolean full = call.cluster().faults().has(FaultKind.DISK_FULL, call.host());
        long used = full ? ROOT_MB : ROOT_USED_MB;
        long avail = ROOT_MB - used;
        long pct = Math.round(Math.ceil(100.0 * used / ROOT_MB));
        String unit = human ? "Size" : mb ? "1M-blocks" : "1K-blocks";
        if (posix && !human) {
            unit = mb ? "1048576-blocks" : "1024-blocks";
        }
        String fs = "/dev/mapper/centos-root";
        List<String> paths = call.args().stream().filter(a -> !a.startsWith("-")).toList();
        int n = paths.isEmpty() ? 1 : paths.size();
        StringBuilder out = new StringBuilder(String.format("%-23s %14s %6s %9s %8s %s%n", "Filesystem", unit, "Used",
                human ? "Avail" : "Available", posix ? "Capacity" : "Use%", "Mounted on"));
        for (int i = 0; i < n; i++) {
            out.append(String.format("%-23s %14s %6s %9s %8s %s%n", fs, size(ROOT_MB, mb, human), size(used, mb, human),
                    size(avail, mb, human), pct + "%", "/"));
        }
        return PlayResult.ok(out.toString());
    }

    private static String size(long mib, boolean mb, boolean human) {
        if (human) {
            return mib >= 1024 ? String.format(Locale.ROOT, "%.0fG", mib / 1024.0) : mib + "M";
        }
        return Long.toString(mb ? mib : mib * 1024);
    }

    // ------------------------------------------------------------- findmnt

    private record Mount(String target, String source, String fstype, String options, String uuid) {
        String column(String name) {
            return switch (name.toUpperCase(Locale.ROOT)) {
                case "TARGET" -> target;
                case "SOURCE" -> source;
                case "FSTYPE" -> fstype;
                case "OPTIONS" -> options;
                case "UUID" -> uuid;
                default -> "";
            };
        }
    }

    private static List<Mount> mounts(Call call) {
        List<Mount> mounts = new ArrayList<>();
        mounts.add(new Mount("/", "/dev/mapper/centos-root", "xfs", "rw,relatime,seclabel,attr2,inode64,noquota",
                "3c5a1f6e-0b2d-4e8f-9a61-" + String.format("%012d", 11 + call.cluster().topology().hosts().indexOf(call.host()))));
        char dev = 'b';
        for (int id : Ceph.osdIds(call.cluster().topology(), call.host())) {
            mounts.add(new Mount("/var/lib/ceph/osd/ceph-" + id, "/dev/sd" + dev + "1", "xfs",
                    "rw,noatime,seclabel,attr2,inode64,noquota", String.format("6b0f%04d-2c1d-4a7e-8f3b-0000000000%02d", id, id)));
            dev++;
        }
        return mounts;
    }

    private static PlayResult findmnt(Call call) {
        boolean noHeader = false;
        List<String> columns = List.of("TARGET", "SOURCE", "FSTYPE", "OPTIONS");
        String target = null;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-n") || a.equals("--noheadings")) {
                noHeader = true;
            } else if ((a.equals("-o") || a.equals("--output")) && i + 1 < args.size()) {
                columns = List.of(args.get(++i).split(","));
            } else if ((a.equals("-T") || a.equals("--target")) && i + 1 < args.size()) {
                target = args.get(++i);
            } else if (!a.startsWith("-")) {
                target = a;
            }
        }
        List<Mount> mounts = mounts(call);
        List<Mount> shown;
        if (target == null) {
            shown = mounts;
        } else {
            String t = target.replaceAll("/+$", "");
            Mount best = null;
            for (Mount m : mounts) {
                boolean covers = m.target().equals("/") || t.equals(m.target()) || t.startsWith(m.target() + "/");
                if (covers && (best == null || m.target().length() > best.target().length())) {
                    best = m;
                }
            }
            shown = best == null ? List.of() : List.of(best);
        }
        if (shown.isEmpty()) {
            return new PlayResult("", "", 1);
        }
        StringBuilder out = new StringBuilder();
        if (!noHeader) {
            out.append(String.join(" ", columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList())).append('\n');
        }
        for (Mount m : shown) {
            out.append(String.join(" ", columns.stream().map(m::column).toList())).append('\n');
        }
        return PlayResult.ok(out.toString());
    }

    // -------------------------------------------------------------- getent

    /** The address {@code name} resolves to on the lab, if it names a lab host, the VIP or localhost. */
    static Optional<String> resolve(Cluster cluster, String name) {
        if (name.equals("localhost") || name.equals("localhost.localdomain")) {
            return Optional.of("127.0.0.1");
        }
        Network net = cluster.network();
        for (String h : cluster.topology().hosts()) {
            if (h.equals(name) || net.address(h).equals(name)) {
                return Optional.of(cluster.faults().has(FaultKind.DNS_WRONG, h) ? WRONG_ADDRESS : net.address(h));
            }
        }
        if (name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            return Optional.of(name);
        }
        return Optional.empty();
    }

    private static PlayResult getent(Call call) {
        List<String> args = call.args();
        if (args.isEmpty()) {
            return PlayResult.fail(1, "Usage: getent [OPTION...] database [key ...]\n");
        }
        String db = args.get(0);
        List<String> keys = args.subList(1, args.size());
        Cluster c = call.cluster();
        switch (db) {
            case "hosts", "ahosts", "ahostsv4" -> {
                List<String> names = keys.isEmpty() ? c.topology().hosts() : keys;
                StringBuilder out = new StringBuilder();
                boolean missing = false;
                for (String name : names) {
                    Optional<String> addr = resolve(c, name);
                    if (addr.isEmpty()) {
                        missing = true;
                        continue;
                    }
                    String canonical = name.matches("\\d+\\.\\d+\\.\\d+\\.\\d+") ? hostOf(c, name).orElse(name) : name;
                    if (db.equals("hosts")) {
                        out.append(String.format("%-15s %s%n", addr.get(), canonical));
                    } else {
                        out.append(String.format("%-15s STREAM %s%n", addr.get(), canonical))
                                .append(String.format("%-15s DGRAM  %n", addr.get()))
                                .append(String.format("%-15s RAW    %n", addr.get()));
                    }
                }
                return new PlayResult(out.toString(), "", missing ? 2 : 0);
            }
            case "passwd", "group" -> {
                String file = c.hostFs().read(call.host(), "/etc/" + db).orElse("");
                StringBuilder out = new StringBuilder();
                boolean missing = false;
                for (String key : keys.isEmpty() ? List.<String>of() : keys) {
                    Optional<String> line = file.lines().filter(l -> l.startsWith(key + ":")).findFirst();
                    line.ifPresent(l -> out.append(l).append('\n'));
                    missing |= line.isEmpty();
                }
                if (keys.isEmpty()) {
                    out.append(file);
                }
                return new PlayResult(out.toString(), "", missing ? 2 : 0);
            }
            default -> {
                return PlayResult.fail(1, "Unknown database: " + db + "\nTry `getent --help' or `getent --usage' for more information.\n");
            }
        }
    }

    private static Optional<String> hostOf(Cluster c, String address) {
        return c.topology().hosts().stream().filter(h -> c.network().address(h).equals(address)).findFirst();
    }

    // ------------------------------------------------------------ hostname

    private static PlayResult hostname(Call call) {
        List<String> args = call.args();
        String h = call.host();
        if (args.isEmpty() || args.contains("-s") || args.contains("--short") || args.contains("-f")
                || args.contains("--fqdn") || args.contains("--long")) {
            return PlayResult.ok(h + "\n");
        }
        if (args.contains("-i") || args.contains("--ip-address")) {
            return resolve(call.cluster(), h).map(a -> PlayResult.ok(a + "\n"))
                    .orElse(PlayResult.fail(1, "hostname: Name or service not known\n"));
        }
        if (args.contains("-I") || args.contains("--all-ip-addresses")) {
            StringBuilder out = new StringBuilder(call.cluster().network().address(h)).append(' ');
            if (call.cluster().network().vipHolder().filter(h::equals).isPresent()) {
                out.append(Network.VIP).append(' ');
            }
            return PlayResult.ok(out.append('\n').toString());
        }
        if (!args.get(0).startsWith("-")) {
            return PlayResult.fail(1, "hostname: you must be root to change the host name\n");
        }
        return PlayResult.fail(1, "hostname: invalid option -- '" + args.get(0).replace("-", "") + "'\n");
    }

    // ---------------------------------------------------------------- ping

    private static PlayResult ping(Call call) {
        int count = 3;
        String target = null;
        List<String> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-c") && i + 1 < args.size()) {
                count = Integer.parseInt(args.get(++i));
            } else if ((a.equals("-W") || a.equals("-w") || a.equals("-i") || a.equals("-s")) && i + 1 < args.size()) {
                i++;
            } else if (!a.startsWith("-")) {
                target = a;
            }
        }
        if (target == null) {
            return PlayResult.fail(2, "Usage: ping [-aAbBdDfhLnOqrRUvV64] [-c count] [-i interval] [-I interface]\n"
                    + "            [-m mark] [-M pmtudisc_option] [-l preload] [-p pattern] [-Q tos]\n"
                    + "            [-s packetsize] [-S sndbuf] [-t ttl] [-T timestamp_option]\n"
                    + "            [-w deadline] [-W timeout] [hop1 ...] destination\n");
        }
        Optional<String> addr = resolve(call.cluster(), target);
        if (addr.isEmpty() && target.equals(Network.VIP)) {
            addr = Optional.of(Network.VIP);
        }
        if (addr.isEmpty()) {
            return PlayResult.fail(2, "ping: " + target + ": Name or service not known\n");
        }
        boolean answers = answers(call, addr.get());
        StringBuilder out = new StringBuilder("PING " + target + " (" + addr.get() + ") 56(84) bytes of data.\n");
        for (int i = 1; i <= count && answers; i++) {
            out.append("64 bytes from ").append(addr.get()).append(": icmp_seq=").append(i).append(" ttl=64 time=0.")
                    .append(300 + 17 * i).append(" ms\n");
        }
        out.append("\n--- ").append(target).append(" ping statistics ---\n").append(count).append(" packets transmitted, ")
                .append(answers ? count : 0).append(" received, ").append(answers ? "0" : "100")
                .append("% packet loss, time ").append((count - 1) * 1000L).append("ms\n");
        if (answers) {
            out.append("rtt min/avg/max/mdev = 0.317/0.334/0.351/0.014 ms\n");
        }
        return new PlayResult(out.toString(), "", answers ? 0 : 1);
    }

    private static boolean answers(Call call, String address) {
        Cluster c = call.cluster();
        if (address.startsWith("127.")) {
            return true;
        }
        if (address.equals(Network.VIP)) {
            return c.network().vipHolder().isPresent();
        }
        Optional<String> host = hostOf(c, address);
        if (host.isPresent()) {
            return c.power().isUp(host.get());
        }
        return c.cloud().floatingIpAnswers(address);
    }

    // --------------------------------------------------------- systemd-run

    private static PlayResult systemdRun(Call call) {
        List<String> args = call.args();
        Duration after = Duration.ZERO;
        String unit = "run-r" + Integer.toHexString(Math.abs((call.host() + System.nanoTime()).hashCode()));
        int i = 0;
        for (; i < args.size() && args.get(i).startsWith("-"); i++) {
            String a = args.get(i);
            if (a.startsWith("--on-active=")) {
                Optional<Duration> d = duration(a.substring("--on-active=".length()));
                if (d.isEmpty()) {
                    return PlayResult.fail(1, "Failed to parse timer value: " + a.substring("--on-active=".length()) + "\n");
                }
                after = d.get();
            } else if (a.startsWith("--unit=")) {
                unit = a.substring("--unit=".length());
            } else if (a.equals("--unit") && i + 1 < args.size()) {
                unit = args.get(++i);
            }
        }
        List<String> command = args.subList(i, args.size());
        if (command.isEmpty()) {
            return PlayResult.fail(1, "Command line to execute required.\n");
        }
        String name = command.get(0).replaceAll(".*/", "");
        Cluster cluster = call.cluster();
        if (!cluster.commands().contains(name)) {
            return PlayResult.fail(1, "systemd-run: the practice lab runs only the commands it plays later (systemctl, "
                    + "reboot, shutdown, kexec, docker, ...); " + name + " is not one of them\n");
        }
        List<String> argv = new ArrayList<>(command);
        argv.set(0, name);
        String host = call.host();
        Runnable later = () -> {
            try {
                cluster.dispatch(new Call(host, argv, "", cluster));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        String err;
        if (after.isZero()) {
            cluster.timeline().scheduleJob(Duration.ZERO, "systemd-run:" + host + ":" + unit, later);
            err = "Running as unit " + unit + ".service.\n";
        } else {
            cluster.timeline().scheduleJob(after, "systemd-run:" + host + ":" + unit, later);
            err = "Running timer as unit " + unit + ".timer.\nWill run service as unit " + unit + ".service.\n";
        }
        return new PlayResult("", err, 0);
    }

    /** systemd's time spans as the runbooks write them: {@code 5}, {@code 5s}, {@code 2min}, {@code 1h}. */
    static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String u = m.group(2) == null ? "s" : m.group(2);
        return Optional.of(switch (u) {
            case "ms" -> Duration.ofMillis(n);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h", "hr" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        });
    }
}
