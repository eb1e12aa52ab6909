package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pip} (9.0, Python 2.7) of the Python environment Kolla-Ansible lives in on a lab host: a
 * virtualenv at {@link #PREFIX}, as Kayobe keeps one (kolla-ocata-to-pike-upgrade.txt:24), whose
 * {@code bin} comes first on the PATH. It knows one package, {@code kolla-ansible}, at the version
 * of each release's stable branch tip; {@code pip install [--upgrade] 'kolla-ansible>=6,<7'} picks
 * the newest version the requirement allows (a downgrade when the installed one is outside it) and
 * puts that release's {@code passwords.yml} template under
 * {@code PREFIX/share/kolla-ansible/etc_examples/kolla/}, where the runbooks copy it from. Also
 * {@code pip show|list|freeze|--version}, and {@code python -c 'import sys; print(sys.prefix)'}
 * (the one Python line the runbooks run; any other script is refused by name).
 */
final class PipPlay implements Play {

    /** The virtualenv's prefix ({@code sys.prefix}). */
    static final String PREFIX = "/opt/kolla-venv";
    static final String SHARE = PREFIX + "/share/kolla-ansible/etc_examples/kolla";
    private static final String SITE = PREFIX + "/lib/python2.7/site-packages";
    /** kolla-ansible's version at each release's stable branch tip, oldest first. */
    static final Map<String, String> VERSIONS = new LinkedHashMap<>();

    static {
        VERSIONS.put("newton", "3.0.3");
        VERSIONS.put("ocata", "4.0.5");
        VERSIONS.put("pike", "5.0.5");
        VERSIONS.put("queens", "6.2.1");
        VERSIONS.put("rocky", "7.0.5");
        VERSIONS.put("stein", "8.0.3");
        VERSIONS.put("train", "9.3.2");
    }

    private static final Pattern REQUIREMENT = Pattern.compile("([A-Za-z0-9_.\\-]+)\\s*(.*)");
    private static final Pattern CLAUSE = Pattern.compile("\\s*(>=|<=|==|!=|~=|>|<)\\s*([0-9][0-9.]*)\\s*");

    private final Map<String, String> installed = new HashMap<>();
    private Cluster cluster;

    @Override
    public Set<String> commands() {
        return Set.of("pip", "python");
    }

    @Override
    public void attach(Cluster c) {
        this.cluster = c;
    }

    @Override
    public void seed(Cluster c) {
        synchronized (this) {
            installed.clear();
        }
        for (String h : c.topology().hosts()) {
            c.files().write(h, SHARE + "/passwords.yml", KollaPasswordsPlay.template(Kolla.STARTING_RELEASE));
        }
    }

    /** The kolla-ansible version installed on {@code host}. */
    synchronized String version(String host) {
        return installed.getOrDefault(host, VERSIONS.get(Kolla.STARTING_RELEASE));
    }

    @Override
    public PlayResult run(Call call) {
        List<String> a = call.args();
        if (call.command().equals("python")) {
            return python(a);
        }
        if (a.isEmpty()) {
            return PlayResult.fail(1, "\nUsage:   \n  pip <command> [options]\n");
        }
        return switch (a.get(0)) {
            case "--version", "-V" -> PlayResult.ok("pip 9.0.1 from " + SITE + " (python 2.7)\n");
            case "install" -> install(call.host(), a.subList(1, a.size()));
            case "show" -> show(call.host(), a.subList(1, a.size()));
            case "list", "freeze" -> PlayResult.ok(a.get(0).equals("list")
                    ? "ansible (2.3.2.0)\nkolla-ansible (" + version(call.host()) + ")\npip (9.0.1)\n"
                    : "ansible==2.3.2.0\nkolla-ansible==" + version(call.host()) + "\n");
            default -> PlayResult.fail(1, "ERROR: unknown command \"" + a.get(0) + "\"\n");
        };
    }

    private static PlayResult python(List<String> a) {
        if (a.size() == 1 && (a.get(0).equals("--version") || a.get(0).equals("-V"))) {
            return new PlayResult("", "Python 2.7.5\n", 0);
        }
        if (a.size() == 2 && a.get(0).equals("-c") && a.get(1).replace(" ", "").equals("importsys;print(sys.prefix)")) {
            return PlayResult.ok(PREFIX + "\n");
        }
        return PlayResult.fail(2, "lab: python is played only as `python -c 'import sys; print(sys.prefix)'` "
                + "and `python --version`; not: python " + String.join(" ", a) + "\n");
    }

    private PlayResult install(String host, List<String> args) {
        boolean upgrade = false;
        List<String> reqs = new ArrayList<>();
        for (String x : args) {
            if (x.equals("-U") || x.equals("--upgrade")) {
                upgrade = true;
            } else if (!x.startsWith("-")) {
                reqs.add(x);
            }
        }
        if (reqs.isEmpty()) {
            return PlayResult.fail(1, "You must give at least one requirement to install (see \"pip help install\")\n");
        }
        StringBuilder out = new StringBuilder();
        for (String req : reqs) {
            Matcher m = REQUIREMENT.matcher(req.trim());
            String name = m.matches() ? m.group(1) : req;
            if (!name.equals("kolla-ansible")) {
                return new PlayResult(out.toString(), "  Could not find a version that satisfies the requirement " + req
                        + " (from versions: )\nNo matching distribution found for " + req + "\n", 1);
            }
            Optional<String> best = newest(m.group(2));
            if (best.isEmpty()) {
                return new PlayResult(out.toString(), "  Could not find a version that satisfies the requirement " + req
                        + " (from versions: " + String.join(", ", VERSIONS.values()) + ")\nNo matching distribution found for "
                        + req + "\n", 1);
            }
            String now = version(host);
            boolean satisfied = allows(m.group(2), now);
            if (satisfied && (!upgrade || best.get().equals(now))) {
                out.append("Requirement already ").append(upgrade ? "up-to-date" : "satisfied").append(": ")
                        .append(req).append(" in ").append(SITE).append('\n');
                continue;
            }
            String v = best.get();
            out.append("Collecting ").append(req).append('\n')
                    .append("  Downloading kolla-ansible-").append(v).append(".tar.gz (1.2MB)\n")
                    .append("Installing collected packages: kolla-ansible\n")
                    .append("  Found existing installation: kolla-ansible ").append(now).append('\n')
                    .append("    Uninstalling kolla-ansible-").append(now).append(":\n")
                    .append("      Successfully uninstalled kolla-ansible-").append(now).append('\n')
                    .append("  Running setup.py install for kolla-ansible: started\n")
                    .append("  Running setup.py install for kolla-ansible: finished with status 'done'\n")
                    .append("Successfully installed kolla-ansible-").append(v).append('\n');
            synchronized (this) {
                installed.put(host, v);
            }
            cluster.files().write(host, SHARE + "/passwords.yml", KollaPasswordsPlay.template(releaseOf(v)));
        }
        return PlayResult.ok(out.toString());
    }

    private PlayResult show(String host, List<String> args) {
        if (!args.contains("kolla-ansible")) {
            return PlayResult.fail(1, "");
        }
        return PlayResult.ok("Name: kolla-ansible\nVersion: " + version(host) + "\n"
                + "Summary: Ansible Deployment of Kolla containers\n"
                + "Home-page: https://docs.openstack.org/kolla-ansible/latest/\n"
                + "Author: OpenStack\nAuthor-email: openstack-dev@lists.openstack.org\nLicense: Apache License, Version 2.0\n"
                + "Location: " + SITE + "\nRequires: oslo.config, pbr, Jinja2, PyYAML, cryptography, netaddr, six\n");
    }

    static String releaseOf(String version) {
        return VERSIONS.entrySet().stream().filter(e -> e.getValue().equals(version)).map(Map.Entry::getKey)
                .findFirst().orElse(Kolla.STARTING_RELEASE);
    }

    private static Optional<String> newest(String spec) {
        String best = null;
        for (String v : VERSIONS.values()) {
            if (allows(spec, v)) {
                best = v;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether version {@code v} meets every clause of {@code spec} ({@code >=5.0.0,<6.0.0}; empty: any). */
    static boolean allows(String spec, String v) {
        if (spec == null || spec.isBlank()) {
            return true;
        }
        for (String clause : spec.split(",")) {
            Matcher m = CLAUSE.matcher(clause);
            if (!m.matches()) {
                return false;
            }
            int c = compare(v, m.group(2));
            boolean ok = switch (m.group(1)) {
                case ">=" -> c >= 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case "<" -> c < 0;
                case "==" -> c == 0;
                case "!=" -> c != 0;
                default -> compare(v, m.group(2)) >= 0 && v.split("\\.")[0].equals(m.group(2).split("\\.")[0]);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
