package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import dev.belay.lab.play.Rpms.Rpm;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code yum} (and {@code dnf}, answering as yum does) over the host's packages, {@code rpm -q} and
 * {@code grubby --default-kernel}. Output is yum 3.4's on CentOS 7 when not on a terminal: the
 * transaction table, {@code check-update} exiting 100 with the list when updates exist.
 * {@code yum repolist} and {@code yum-config-manager} are {@link YumRepos}'.
 */
final class YumPlay implements Play {

    private static final String LOADED = "Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\n";
    private static final DateTimeFormatter RPM_DATE = DateTimeFormatter
            .ofPattern("EEE dd MMM yyyy hh:mm:ss a z", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public Set<String> commands() {
        return Set.of("yum", "dnf", "rpm", "grubby", "yum-config-manager");
    }

    @Override
    public PlayResult run(Call call) throws InterruptedException {
        return switch (call.command()) {
            case "rpm" -> rpm(call);
            case "grubby" -> grubby(call);
            case "yum-config-manager" -> YumRepos.configManager(call);
            default -> yum(call);
        };
    }

    private PlayResult yum(Call call) {
        List<String> words = new ArrayList<>();
        boolean yes = false;
        for (String a : call.args()) {
            if (a.equals("-y") || a.equals("--assumeyes")) {
                yes = true;
            } else if (a.equals("-q") || a.equals("--quiet") || a.startsWith("--enablerepo") || a.startsWith("--disablerepo")
                    || a.equals("-C") || a.startsWith("--setopt")) {
                // accepted and ignored
            } else {
                words.add(a);
            }
        }
        if (words.isEmpty()) {
            return PlayResult.fail(1, LOADED + "You need to give some command\n");
        }
        String verb = words.get(0);
        List<String> pkgs = words.subList(1, words.size());
        return switch (verb) {
            case "clean" -> PlayResult.ok("Loaded plugins: fastestmirror\nCleaning repos: base ceph-jewel centos-openstack-ocata extras updates\n"
                    + (pkgs.contains("all") ? "Cleaning up everything\nCleaning up list of fastest mirrors\n" : ""));
            case "check-update" -> checkUpdate(call, pkgs);
            case "update", "upgrade" -> update(call, pkgs, yes, false);
            case "install" -> update(call, pkgs, yes, true);
            case "remove", "erase" -> remove(call, pkgs, yes);
            case "list" -> list(call, pkgs);
            case "info" -> info(call, pkgs);
            case "repolist" -> YumRepos.repolist(call, pkgs);
            case "makecache" -> PlayResult.ok(LOADED + "Metadata Cache Created\n");
            default -> PlayResult.fail(1, "Loaded plugins: fastestmirror\nNo such command: " + verb
                    + ". Please use /usr/bin/yum --help\n");
        };
    }

    /**
     * {@code yum remove}: what a trainer (or a scenario's fault by hand) uses to take a package away.
     * Dependencies are not modelled, so only the named packages go; without {@code -y} yum asks and,
     * with no terminal to answer, exits 1 as the real one does.
     */
    private PlayResult remove(Call call, List<String> pkgs, boolean yes) {
        if (pkgs.isEmpty()) {
            return PlayResult.fail(1, LOADED + "Error: Need to pass a list of pkgs to remove\n");
        }
        HostOs os = call.cluster().hostOs();
        Map<String, String> installed = os.packages(call.host());
        List<String> found = pkgs.stream().filter(installed::containsKey).toList();
        StringBuilder out = new StringBuilder(LOADED);
        pkgs.stream().filter(p -> !installed.containsKey(p))
                .forEach(p -> out.append("No Match for argument: ").append(p).append('\n'));
        if (found.isEmpty()) {
            return PlayResult.ok(out.append("No Packages marked for removal\n").toString());
        }
        if (!yes) {
            return PlayResult.fail(1, out.append("Is this ok [y/N]: Exiting on user command\n").toString());
        }
        out.append("\nRemoved:\n");
        for (String p : found) {
            out.append("  ").append(p).append(".x86_64 0:").append(installed.get(p)).append('\n');
            os.remove(call.host(), p);
        }
        return PlayResult.ok(out.append("\nComplete!\n").toString());
    }

    /** Updates the host would take: {@code [name, version, repo, installing?]}. */
    private static List<Rpm> pending(HostOs os, String h, List<String> patterns, boolean install) {
        Map<String, String> installed = os.packages(h);
        List<Rpm> out = new ArrayList<>();
        for (String name : Rpms.allNames()) {
            Rpm avail = Rpms.available(name);
            boolean named = patterns.stream().anyMatch(p -> glob(p).matcher(name).matches());
            if (patterns.isEmpty() ? Rpms.heldBack(name) : !named) {
                continue;
            }
            if (name.equals("kernel")) {
                if (!os.kernels(h).contains(avail.version())) {
                    out.add(avail);
                }
                continue;
            }
            String have = installed.get(name);
            if (have == null ? (install && named) : Rpms.compare(avail.version(), have) > 0) {
                out.add(avail);
            }
        }
        return out;
    }

    /** yum's package and repository globs ({@code *}, {@code ?}). */
    static Pattern glob(String p) {
        return Pattern.compile(Pattern.quote(p).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }

    private PlayResult checkUpdate(Call call, List<String> patterns) {
        List<Rpm> ups = pending(call.cluster().hostOs(), call.host(), patterns, false);
        if (ups.isEmpty()) {
            return PlayResult.ok(LOADED);
        }
        StringBuilder out = new StringBuilder(LOADED).append('\n');
        for (Rpm r : ups) {
            out.append(String.format("%-40s %-32s %s%n", r.name() + "." + r.arch(), r.version(), r.repo()));
        }
        return new PlayResult(out.toString(), "", 100);
    }

    private PlayResult update(Call call, List<String> patterns, boolean yes, boolean install) {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        Map<String, String> installed = os.packages(h);
        StringBuilder out = new StringBuilder(LOADED);
        StringBuilder err = new StringBuilder();
        for (String p : patterns) {
            boolean known = Rpms.allNames().stream().anyMatch(n -> glob(p).matcher(n).matches());
            boolean have = p.equals("kernel") || installed.keySet().stream().anyMatch(n -> glob(p).matcher(n).matches());
            if (!known) {
                out.append("No package ").append(p).append(" available.\n");
            } else if (!have && !install) {
                out.append("Package(s) ").append(p).append(" available, but not installed.\n");
            }
        }
        List<Rpm> todo = pending(os, h, patterns, install);
        if (todo.isEmpty()) {
            out.append(install ? "Nothing to do\n" : "No packages marked for update\n");
            return new PlayResult(out.toString(), "", install && patterns.stream().noneMatch(
                    p -> Rpms.allNames().stream().anyMatch(n -> glob(p).matcher(n).matches())) ? 1 : 0);
        }
        List<Rpm> installs = todo.stream().filter(r -> r.name().equals("kernel") || !installed.containsKey(r.name())).toList();
        List<Rpm> updates = todo.stream().filter(r -> !installs.contains(r)).toList();
        out.append("Resolving Dependencies\n--> Running transaction check\n");
        for (Rpm r : todo) {
            if (installs.contains(r)) {
                out.append("---> Package ").append(r.name()).append('.').append(r.arch()).append(" 0:").append(r.version())
                        .append(" will be installed\n");
            } else {
                out.append("---> Package ").append(r.name()).append('.').append(r.arch()).append(" 0:")
                        .append(installed.get(r.name())).append(" will be updated\n");
                out.append("---> Package ").append(r.name()).append('.').append(r.arch()).append(" 0:").append(r.version())
                        .append(" will be an update\n");
            }
        }
        String rule = "=".repeat(80) + "\n";
        out.append("--> Finished Dependency Resolution\n\nDependencies Resolved\n\n").append(rule)
                .append(String.format(" %-30s %-8s %-30s %-14s %4s%n", "Package", "Arch", "Version", "Repository", "Size"))
                .append(rule);
        if (!installs.isEmpty()) {
            out.append("Installing:\n");
            installs.forEach(r -> out.append(row(r)));
        }
        if (!updates.isEmpty()) {
            out.append("Updating:\n");
            updates.forEach(r -> out.append(row(r)));
        }
        out.append("\nTransaction Summary\n").append(rule);
        if (!installs.isEmpty()) {
            out.append("Install  ").append(installs.size()).append(installs.size() == 1 ? " Package\n" : " Packages\n");
        }
        if (!updates.isEmpty()) {
            out.append("Upgrade  ").append(updates.size()).append(updates.size() == 1 ? " Package\n" : " Packages\n");
        }
        out.append('\n');
        if (!yes) {
            // Not on a terminal and no -y: yum asks, reads end of input, and gives up.
            out.append("Is this ok [y/d/N]: Exiting on user command\nYour transaction was saved, rerun it with:\n")
                    .append(" yum load-transaction /tmp/yum_save_tx.").append(call.cluster().clock().now().toString()
                            .substring(0, 10)).append(".yumtx\n");
            return new PlayResult(out.toString(), "", 1);
        }
        if (call.cluster().faults().has(FaultKind.DISK_FULL, h)) {
            err.append("Error: Insufficient space in download directory /var/cache/yum/x86_64/7/updates/packages\n")
                    .append("    * free   0 \n    * needed 48 M\n");
            return new PlayResult(out.toString(), err.toString(), 1);
        }
        out.append("Downloading packages:\nRunning transaction check\nRunning transaction test\n")
                .append("Transaction test succeeded\nRunning transaction\n");
        int total = todo.size() + updates.size();
        int n = 0;
        for (Rpm r : todo) {
            out.append(String.format("  %-11s: %-60s %d/%d%n", installs.contains(r) ? "Installing" : "Updating", r.nvra(),
                    ++n, total));
        }
        for (Rpm r : updates) {
            out.append(String.format("  %-11s: %-60s %d/%d%n", "Cleanup",
                    r.name() + "-" + installed.get(r.name()) + "." + r.arch(), ++n, total));
        }
        for (Rpm r : todo) {
            os.install(h, r.name(), r.version());
        }
        if (updates.stream().anyMatch(r -> r.name().equals("docker"))) {
            // The docker package restarts its service on upgrade (%systemd_postun_with_restart): every
            // container stops and comes back, which is why the procedure sees Galera shaken by it.
            os.unit(h, "docker").filter(u -> os.activeState(h, u).equals("active")).ifPresent(u -> {
                os.stop(h, u);
                try {
                    os.start(h, u);
                } catch (PlayFailure e) {
                    err.append(e.getMessage()).append('\n');
                }
            });
        }
        if (!installs.isEmpty()) {
            out.append("\nInstalled:\n");
            installs.forEach(r -> out.append("  ").append(r.name()).append('.').append(r.arch()).append(" 0:")
                    .append(r.version()).append('\n'));
        }
        if (!updates.isEmpty()) {
            out.append("\nUpdated:\n");
            updates.forEach(r -> out.append("  ").append(r.name()).append('.').append(r.arch()).append(" 0:")
                    .append(r.version()).append('\n'));
        }
        out.append("\nComplete!\n");
        return new PlayResult(out.toString(), "", 0);
    }

    private static String row(Rpm r) {
        String size = r.name().equals("kernel") ? "43 M" : r.name().startsWith("ceph") ? "9.1 M" : "1.2 M";
        return String.format(" %-30s %-8s %-30s %-14s %4s%n", r.name(), r.arch(), r.version(), r.repo(), size);
    }

    private PlayResult list(Call call, List<String> args) {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        List<String> patterns = args.isEmpty() || List.of("installed", "available", "updates", "all").contains(args.get(0))
                ? args.subList(Math.min(1, args.size()), args.size()) : args;
        Map<String, String> rows = new LinkedHashMap<>();
        for (String k : os.kernels(h)) {
            rows.put("kernel.x86_64 " + k, "@updates");
        }
        os.packages(h).forEach((n, v) -> rows.put(n + ".x86_64 " + v, "@" + Rpms.repoOf(n)));
        StringBuilder out = new StringBuilder("Loaded plugins: fastestmirror\nInstalled Packages\n");
        int shown = 0;
        for (var e : rows.entrySet()) {
            String[] nv = e.getKey().split(" ");
            String name = nv[0].substring(0, nv[0].lastIndexOf('.'));
            if (!patterns.isEmpty() && patterns.stream().noneMatch(p -> glob(p).matcher(name).matches())) {
                continue;
            }
            out.append(String.format("%-40s %-32s %s%n", nv[0], nv[1], e.getValue()));
            shown++;
        }
        if (shown == 0) {
            return PlayResult.fail(1, "Loaded plugins: fastestmirror\nError: No matching Packages to list\n");
        }
        return PlayResult.ok(out.toString());
    }

    private PlayResult info(Call call, List<String> pkgs) {
        HostOs os = call.cluster().hostOs();
        Map<String, String> installed = os.packages(call.host());
        StringBuilder out = new StringBuilder("Loaded plugins: fastestmirror\n");
        boolean any = false;
        for (String p : pkgs) {
            String v = p.equals("kernel") ? os.kernels(call.host()).get(os.kernels(call.host()).size() - 1) : installed.get(p);
            if (v == null) {
                continue;
            }
            any = true;
            int dash = v.indexOf('-');
            out.append("Installed Packages\n")
                    .append("Name        : ").append(p).append('\n')
                    .append("Arch        : x86_64\n")
                    .append("Version     : ").append(v, 0, dash).append('\n')
                    .append("Release     : ").append(v.substring(dash + 1)).append('\n')
                    .append("Size        : 12 M\n")
                    .append("Repo        : installed\n")
                    .append("From repo   : ").append(Rpms.repoOf(p)).append('\n')
                    .append("Summary     : ").append(p).append('\n')
                    .append("License     : GPLv2\n\n");
        }
        return any ? PlayResult.ok(out.toString()) : PlayResult.fail(1, "Loaded plugins: fastestmirror\nError: No matching Packages to list\n");
    }

    private PlayResult rpm(Call call) {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        List<String> a = call.args();
        boolean query = a.stream().anyMatch(x -> x.equals("-q") || x.startsWith("-q") && !x.startsWith("--"));
        boolean all = a.stream().anyMatch(x -> x.equals("-qa") || x.equals("-a") || x.equals("--all"));
        boolean last = a.contains("--last");
        if (!query && !all) {
            return PlayResult.fail(1, "rpm: no operation specified\n");
        }
        String qf = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            if ((x.equals("--qf") || x.equals("--queryformat")) && i + 1 < a.size()) {
                qf = a.get(++i);
            } else if (x.startsWith("--qf=") || x.startsWith("--queryformat=")) {
                qf = x.substring(x.indexOf('=') + 1);
            } else if (!x.startsWith("-")) {
                names.add(x);
            }
        }
        Map<String, String> installed = os.packages(h);
        if (qf != null) {
            return queryFormat(qf, all, names, installed, os.kernels(h));
        }
        List<String[]> lines = new ArrayList<>();
        if (all) {
            os.kernels(h).forEach(k -> lines.add(new String[]{"kernel-" + k + ".x86_64", "kernel-" + k}));
            installed.forEach((n, v) -> lines.add(new String[]{n + "-" + v + ".x86_64", n}));
        }
        StringBuilder out = new StringBuilder();
        int rc = 0;
        for (String n : names) {
            if (n.equals("kernel")) {
                os.kernels(h).forEach(k -> lines.add(new String[]{"kernel-" + k + ".x86_64", "kernel-" + k}));
            } else if (installed.containsKey(n)) {
                lines.add(new String[]{n + "-" + installed.get(n) + ".x86_64", n});
            } else {
                if (!last) {
                    out.append("package ").append(n).append(" is not installed\n");
                }
                rc = 1;
            }
        }
        if (last) {
            lines.sort((x, y) -> os.installedAt(h, y[1]).compareTo(os.installedAt(h, x[1])) != 0
                    ? os.installedAt(h, y[1]).compareTo(os.installedAt(h, x[1])) : y[0].compareTo(x[0]));
            for (String[] l : lines) {
                out.append(String.format("%-45s %s%n", l[0], RPM_DATE.format(os.installedAt(h, l[1]))));
            }
            if (rc != 0) {
                names.stream().filter(n -> !n.equals("kernel") && !installed.containsKey(n))
                        .forEach(n -> out.append("package ").append(n).append(" is not installed\n"));
            }
        } else {
            // rpm -q answers in the order the packages were named, "not installed" in place.
            StringBuilder ordered = new StringBuilder();
            lines.stream().filter(l -> all).forEach(l -> ordered.append(l[0]).append('\n'));
            for (String n : names) {
                if (n.equals("kernel")) {
                    os.kernels(h).forEach(k -> ordered.append("kernel-").append(k).append(".x86_64\n"));
                } else if (installed.containsKey(n)) {
                    ordered.append(n).append('-').append(installed.get(n)).append(".x86_64\n");
                } else {
                    ordered.append("package ").append(n).append(" is not installed\n");
                }
            }
            return new PlayResult(ordered.toString(), "", rc);
        }
        return new PlayResult(out.toString(), "", rc);
    }

    /** {@code rpm -q[a] --qf FORMAT}: %{NAME}, %{VERSION}, %{RELEASE}, %{ARCH} and \n, \t as rpm expands them. */
    private static PlayResult queryFormat(String qf, boolean all, List<String> names, Map<String, String> installed,
                                          List<String> kernels) {
        Map<String, List<String>> pkgs = new java.util.LinkedHashMap<>();
        kernels.forEach(k -> pkgs.computeIfAbsent("kernel", n -> new ArrayList<>()).add(k.replaceAll("\\.x86_64$", "")));
        installed.forEach((n, v) -> pkgs.computeIfAbsent(n, x -> new ArrayList<>()).add(v));
        StringBuilder out = new StringBuilder();
        int rc = 0;
        for (String n : all ? new ArrayList<>(pkgs.keySet()) : names) {
            List<String> versions = pkgs.get(n);
            if (versions == null) {
                out.append("package ").append(n).append(" is not installed\n");
                rc = 1;
                continue;
            }
            for (String v : versions) {
                int dash = v.lastIndexOf('-');
                out.append(qf.replace("%{NAME}", n).replace("%{VERSION}", dash < 0 ? v : v.substring(0, dash))
                        .replace("%{RELEASE}", dash < 0 ? "" : v.substring(dash + 1)).replace("%{ARCH}", "x86_64")
                        .replace("\\n", "\n").replace("\\t", "\t"));
            }
        }
        return new PlayResult(out.toString(), "", rc);
    }

    private PlayResult grubby(Call call) {
        HostOs os = call.cluster().hostOs();
        List<String> a = call.args();
        if (a.contains("--default-kernel")) {
            return PlayResult.ok("/boot/vmlinuz-" + os.defaultKernel(call.host()) + "\n");
        }
        if (a.contains("--default-index")) {
            return PlayResult.ok("0\n");
        }
        if (a.contains("--info=ALL") || a.contains("--info")) {
            StringBuilder out = new StringBuilder();
            List<String> ks = new ArrayList<>(os.kernels(call.host()));
            ks.sort(HostOs.kernelOrder().reversed());
            for (int i = 0; i < ks.size(); i++) {
                out.append("index=").append(i).append("\nkernel=/boot/vmlinuz-").append(ks.get(i)).append(".x86_64\n");
            }
            return PlayResult.ok(out.toString());
        }
        return PlayResult.fail(1, "grubby: no action specified\n");
    }
}
