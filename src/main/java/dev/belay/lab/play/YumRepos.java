package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The yum repositories of a lab host, as {@code yum repolist} and {@code yum-config-manager} see
 * them: CentOS's own (base, extras, updates), Ceph's, and an RDO release's
 * ({@code centos-openstack-newton}, {@code centos-openstack-ocata}) while its
 * {@code centos-release-openstack-*} package is installed, minus those switched off with
 * {@code yum-config-manager --disable}. Which packages the repositories offer stays {@link Rpms}'s
 * (the Ocata packages whatever is enabled): the cells runbook's version check after its update is
 * what catches a missing repository.
 */
final class YumRepos {

    /** One repository: id, name, package count (yum 3.4's columns), and the package that brings it (null: always there). */
    private record Repo(String id, String name, int packages, String releasePackage) {
    }

    /** In yum's order (by id). */
    private static final List<Repo> REPOS = List.of(
            new Repo("base", "CentOS-7 - Base", 9591, null),
            new Repo("ceph-jewel", "CentOS-7 - Ceph Jewel", 1069, null),
            new Repo("centos-openstack-newton", "CentOS-7 - OpenStack newton", 2081, "centos-release-openstack-newton"),
            new Repo("centos-openstack-ocata", "CentOS-7 - OpenStack ocata", 2165, "centos-release-openstack-ocata"),
            new Repo("extras", "CentOS-7 - Extras", 392, null),
            new Repo("updates", "CentOS-7 - Updates", 2500, null));

    private YumRepos() {
    }

    private static List<Repo> present(HostOs os, String h) {
        Map<String, String> pkgs = os.packages(h);
        return REPOS.stream().filter(r -> r.releasePackage() == null || pkgs.containsKey(r.releasePackage())).toList();
    }

    /** {@code yum repolist [enabled|disabled|all]}. */
    static PlayResult repolist(Call call, List<String> args) {
        String which = args.isEmpty() ? "enabled" : args.get(0);
        if (!List.of("enabled", "disabled", "all").contains(which)) {
            which = "enabled";
        }
        HostOs os = call.cluster().hostOs();
        Set<String> off = os.disabledRepos(call.host());
        StringBuilder out = new StringBuilder("Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\n");
        out.append(String.format("%-41s %-42s %s%n", "repo id", "repo name", "status"));
        int total = 0;
        for (Repo r : present(os, call.host())) {
            boolean enabled = !off.contains(r.id());
            if (which.equals("enabled") && !enabled || which.equals("disabled") && enabled) {
                continue;
            }
            String count = String.format(Locale.ROOT, "%,d", r.packages());
            String status = which.equals("all") ? (enabled ? "enabled: " + count : "disabled") : enabled ? count : "disabled";
            out.append(String.format("%-41s %-42s %s%n", r.id() + "/7/x86_64", r.name(), status));
            total += enabled ? r.packages() : 0;
        }
        out.append(String.format(Locale.ROOT, "repolist: %,d%n", total));
        return PlayResult.ok(out.toString());
    }

    /** {@code yum-config-manager --enable|--disable REPO...} (yum's globs); without either, it only prints the main config. */
    static PlayResult configManager(Call call) {
        List<String> args = call.args();
        Boolean enable = null;
        List<Pattern> patterns = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--enable")) {
                enable = true;
            } else if (a.equals("--disable")) {
                enable = false;
            } else if (!a.startsWith("-")) {
                patterns.add(YumPlay.glob(a));
            }
        }
        StringBuilder out = new StringBuilder("Loaded plugins: fastestmirror\n");
        if (enable == null) {
            return PlayResult.ok(out.append("=".repeat(30)).append(" main ").append("=".repeat(30)).append("\n[main]\n")
                    .append("cachedir = /var/cache/yum/x86_64/7\n").toString());
        }
        HostOs os = call.cluster().hostOs();
        for (Repo r : present(os, call.host())) {
            if (patterns.stream().anyMatch(p -> p.matcher(r.id()).matches())) {
                os.setRepoEnabled(call.host(), r.id(), enable);
                out.append("=".repeat(25)).append(" repo: ").append(r.id()).append(' ').append("=".repeat(25)).append('\n')
                        .append('[').append(r.id()).append("]\n").append("enabled = ").append(enable ? "True" : "False")
                        .append('\n').append("name = ").append(r.name()).append('\n');
            }
        }
        return PlayResult.ok(out.toString());
    }
}
