package dev.belay.lab.play;

import dev.belay.lab.play.HostOs.UnitSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code systemctl} (systemd 219, as on CentOS 7) and the RHEL 7 {@code service} wrapper over the
 * host's units. {@code systemctl stop sshd} marks the unit stopped and nothing more: the lab keeps
 * serving the host, so a trainee who does it can still undo it.
 */
final class SystemctlPlay implements Play {

    static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public Set<String> commands() {
        return Set.of("systemctl", "service");
    }

    @Override
    public PlayResult run(Call call) throws InterruptedException {
        try {
            return call.command().equals("service") ? service(call) : systemctl(call, call.args());
        } catch (PlayFailure f) {
            return f.result();
        }
    }

    private PlayResult systemctl(Call call, List<String> rawArgs) throws PlayFailure {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        boolean quiet = false;
        List<String> args = new ArrayList<>();
        List<String> props = new ArrayList<>();
        for (int i = 0; i < rawArgs.size(); i++) {
            String a = rawArgs.get(i);
            switch (a) {
                case "-q", "--quiet" -> quiet = true;
                case "--no-pager", "--no-block", "--full", "-l", "--all", "-a", "--now" -> { }
                case "-p", "--property" -> props.addAll(List.of(rawArgs.get(++i).split(",")));
                default -> {
                    if (a.startsWith("--property=")) {
                        props.addAll(List.of(a.substring(11).split(",")));
                    } else if (a.startsWith("--type=") || a.startsWith("--state=")) {
                        // list-units filters: only services are listed anyway
                    } else if (a.equals("-t") || a.equals("--type")) {
                        i++;
                    } else {
                        args.add(a);
                    }
                }
            }
        }
        if (args.isEmpty()) {
            args.add("list-units");
        }
        String verb = args.get(0);
        List<String> names = args.subList(1, args.size());
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        switch (verb) {
            case "is-active", "is-failed" -> {
                boolean all = true;
                for (String n : needNames(verb, names)) {
                    // systemd 219 (CentOS 7) answers "unknown" for a unit it has not loaded, such as
                    // one that does not exist (RHBZ 1073481); later systemd answers "inactive".
                    String state = os.unit(h, n).map(u -> os.activeState(h, u)).orElse("unknown");
                    boolean good = verb.equals("is-active") ? state.equals("active") : state.equals("failed");
                    all &= good;
                    if (!quiet) {
                        out.append(state).append('\n');
                    }
                }
                return new PlayResult(out.toString(), "", all ? 0 : (verb.equals("is-active") ? 3 : 1));
            }
            case "is-enabled" -> {
                int rc = 0;
                for (String n : needNames(verb, names)) {
                    Optional<UnitSpec> u = os.unit(h, n);
                    if (u.isEmpty()) {
                        err.append("Failed to get unit file state for ").append(HostOs.unitName(n))
                                .append(": No such file or directory\n");
                        rc = 1;
                        continue;
                    }
                    boolean en = os.isEnabled(h, u.get());
                    if (!quiet) {
                        out.append(en ? "enabled" : "disabled").append('\n');
                    }
                    rc = en ? rc : 1;
                }
                return new PlayResult(out.toString(), err.toString(), rc);
            }
            case "start", "stop", "restart", "try-restart", "reload", "reload-or-restart" -> {
                for (String n : needNames(verb, names)) {
                    UnitSpec u = os.unit(h, n).orElseThrow(() -> new PlayFailure(5,
                            "Failed to " + verb + " " + HostOs.unitName(n) + ": Unit not found."));
                    if (!verb.equals("start")) {
                        boolean wasActive = os.activeState(h, u).equals("active");
                        if (verb.equals("try-restart") && !wasActive) {
                            continue;
                        }
                        if (!verb.equals("reload") || !wasActive) {
                            os.stop(h, u);
                        }
                    }
                    if (!verb.equals("stop")) {
                        os.start(h, u);
                    }
                }
                return PlayResult.ok("");
            }
            case "enable", "disable" -> {
                for (String n : needNames(verb, names)) {
                    UnitSpec u = os.unit(h, n).orElseThrow(() -> new PlayFailure(1,
                            "Failed to execute operation: No such file or directory"));
                    boolean was = os.isEnabled(h, u);
                    boolean on = verb.equals("enable");
                    if (was != on) {
                        os.setEnabled(h, u, on);
                        String wants = "/etc/systemd/system/" + wantedBy(u) + ".wants/" + u.name();
                        if (on) {
                            err.append("Created symlink from ").append(wants).append(" to /usr/lib/systemd/system/")
                                    .append(template(u.name())).append(".\n");
                        } else {
                            err.append("Removed symlink ").append(wants).append(".\n");
                        }
                    }
                    if (rawArgs.contains("--now")) {
                        if (on) {
                            os.start(h, u);
                        } else {
                            os.stop(h, u);
                        }
                    }
                }
                return new PlayResult("", err.toString(), 0);
            }
            case "status" -> {
                return status(call, names);
            }
            case "show" -> {
                return show(call, names, props);
            }
            case "daemon-reload", "daemon-reexec" -> {
                os.daemonReload(h);
                return PlayResult.ok("");
            }
            case "reset-failed" -> {
                return PlayResult.ok("");
            }
            case "set-environment" -> {
                for (String kv : names) {
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new PlayFailure(1, "Not a valid environment variable assignment: " + kv);
                    }
                    os.setEnv(h, kv.substring(0, eq), kv.substring(eq + 1));
                }
                return PlayResult.ok("");
            }
            case "unset-environment" -> {
                names.forEach(k -> os.setEnv(h, k.contains("=") ? k.substring(0, k.indexOf('=')) : k, null));
                return PlayResult.ok("");
            }
            case "show-environment" -> {
                os.env(h).forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
                return PlayResult.ok("LANG=en_US.UTF-8\nPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin\n" + out);
            }
            case "is-system-running" -> {
                String state = os.systemState(h);
                return new PlayResult(quiet ? "" : state + "\n", "", state.equals("running") ? 0 : 1);
            }
            case "list-units" -> {
                return PlayResult.ok(listUnits(call));
            }
            case "reboot", "kexec" -> {
                if (verb.equals("kexec") && os.kexecLoaded(h) == null) {
                    throw new PlayFailure(1, "No kexec kernel loaded and autodetection failed.");
                }
                call.cluster().reboots().schedule(h, Duration.ofSeconds(2), verb.equals("kexec"));
                return PlayResult.ok("");
            }
            default -> throw new PlayFailure(1, "Unknown operation '" + verb + "'.");
        }
    }

    private static List<String> needNames(String verb, List<String> names) throws PlayFailure {
        if (names.isEmpty()) {
            throw new PlayFailure(1, "Too few arguments.");
        }
        return names;
    }

    private static String wantedBy(UnitSpec u) {
        if (u.name().startsWith("ceph-mon@")) {
            return "ceph-mon.target";
        }
        if (u.name().startsWith("ceph-osd@")) {
            return "ceph-osd.target";
        }
        if (u.name().startsWith("ceph-")) {
            return "ceph.target";
        }
        return "multi-user.target";
    }

    private static String template(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at + 1) + name.substring(name.lastIndexOf('.'));
    }

    private PlayResult status(Call call, List<String> names) throws PlayFailure {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        StringBuilder out = new StringBuilder();
        int rc = 0;
        Instant now = call.cluster().clock().now();
        for (String n : needNames("status", names)) {
            Optional<UnitSpec> found = os.unit(h, n);
            if (found.isEmpty()) {
                return new PlayResult(out.toString(), "Unit " + HostOs.unitName(n) + " could not be found.\n", 4);
            }
            UnitSpec u = found.get();
            String state = os.activeState(h, u);
            String dot = "●";
            out.append(dot).append(' ').append(u.name()).append(" - ").append(u.description()).append('\n');
            out.append("   Loaded: loaded (/usr/lib/systemd/system/").append(template(u.name())).append("; ")
                    .append(os.isEnabled(h, u) ? "enabled" : "disabled").append("; vendor preset: disabled)\n");
            Instant since = os.activeSince(h, u);
            String sub = switch (state) {
                case "active" -> u.isTarget() ? "active" : "active (running)";
                case "failed" -> "failed (Result: exit-code)";
                default -> "inactive (dead)";
            };
            out.append("   Active: ").append(sub);
            if (!state.equals("inactive")) {
                out.append(" since ").append(SINCE.format(since)).append("; ").append(ago(Duration.between(since, now)))
                        .append(" ago");
            }
            out.append('\n');
            if (state.equals("active") && !u.isTarget()) {
                out.append(" Main PID: ").append(1000 + Math.abs(u.name().hashCode() % 30000)).append(" (")
                        .append(u.container() != null ? "docker-current" : u.name().replace(".service", ""))
                        .append(")\n");
            }
            out.append('\n');
            if (!state.equals("active")) {
                rc = 3;
            }
        }
        return new PlayResult(out.toString(), "", rc);
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "min " + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "min";
        }
        return (s / 86400) + " days";
    }

    private PlayResult show(Call call, List<String> names, List<String> props) throws PlayFailure {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        StringBuilder out = new StringBuilder();
        for (String n : needNames("show", names)) {
            Optional<UnitSpec> found = os.unit(h, n);
            String name = HostOs.unitName(n);
            // systemd prints properties in its own (D-Bus) order, whatever order -p named them in.
            List<String[]> all = new ArrayList<>();
            all.add(new String[]{"Id", name});
            all.add(new String[]{"Requires", found.map(u -> String.join(" ", os.dependencies(h, u, "Requires"))).orElse("")});
            all.add(new String[]{"Description", found.map(UnitSpec::description).orElse(name)});
            all.add(new String[]{"LoadState", found.isPresent() ? "loaded" : "not-found"});
            String active = found.map(u -> os.activeState(h, u)).orElse("inactive");
            all.add(new String[]{"ActiveState", active});
            all.add(new String[]{"SubState", active.equals("active") ? "running" : active.equals("failed") ? "failed" : "dead"});
            all.add(new String[]{"After", found.map(u -> String.join(" ", os.dependencies(h, u, "After"))).orElse("")});
            all.add(new String[]{"UnitFileState", found.map(u -> os.isEnabled(h, u) ? "enabled" : "disabled").orElse("")});
            for (String[] p : all) {
                if (props.isEmpty() || props.contains(p[0])) {
                    out.append(p[0]).append('=').append(p[1]).append('\n');
                }
            }
            if (names.size() > 1) {
                out.append('\n');
            }
        }
        return PlayResult.ok(out.toString());
    }

    private String listUnits(Call call) {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        List<String[]> rows = new ArrayList<>();
        for (UnitSpec u : os.units(h)) {
            if (u.isTarget()) {
                continue;
            }
            String state = os.activeState(h, u);
            if (state.equals("inactive")) {
                continue;
            }
            rows.add(new String[]{u.name(), "loaded", state, state.equals("active") ? "running" : "failed", u.description()});
        }
        int w = Math.max(4, rows.stream().mapToInt(r -> r[0].length()).max().orElse(4));
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-" + w + "s %-6s %-6s %-7s %s%n", "UNIT", "LOAD", "ACTIVE", "SUB", "DESCRIPTION"));
        for (String[] r : rows) {
            out.append(String.format("%-" + w + "s %-6s %-6s %-7s %s%n", (Object[]) r));
        }
        out.append("\nLOAD   = Reflects whether the unit definition was properly loaded.\n")
                .append("ACTIVE = The high-level unit activation state, i.e. generalization of SUB.\n")
                .append("SUB    = The low-level unit activation state, values depend on unit type.\n\n")
                .append(rows.size()).append(" loaded units listed. Pass --all to see loaded but inactive units, too.\n")
                .append("To show all installed unit files use 'systemctl list-unit-files'.\n");
        return out.toString();
    }

    /** RHEL 7 {@code service}: Ceph Hammer's sysvinit script, otherwise a redirect to systemctl. */
    private PlayResult service(Call call) throws PlayFailure {
        List<String> a = call.args();
        if (a.size() < 2) {
            return PlayResult.fail(1, "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n");
        }
        String name = a.get(0);
        String action = a.get(1);
        HostOs os = call.cluster().hostOs();
        if (name.equals("ceph")) {
            // Hammer's /etc/init.d/ceph drives a daemon type until that type's package is Jewel;
            // from then on its systemd target does.
            String type = a.size() > 2 ? a.get(2).replaceFirst("\\..*", "") : "";
            String pkg = type.equals("mon") ? "ceph-mon" : type.equals("osd") ? "ceph-osd" : "ceph-common";
            String version = os.packages(call.host()).getOrDefault(pkg, os.packages(call.host()).get("ceph-common"));
            if (version == null || Rpms.compare(version, "10") < 0) {
                return call.cluster().ceph().sysvinit(call.host(), action, a.subList(2, a.size()));
            }
            name = type.isEmpty() ? "ceph.target" : "ceph-" + type + ".target";
        }
        String redirect = "Redirecting to /bin/systemctl " + action + "  " + HostOs.unitName(name) + "\n";
        PlayResult r = systemctl(call, List.of(action, name));
        return new PlayResult(r.stdout(), redirect + r.stderr(), r.exitCode());
    }
}
