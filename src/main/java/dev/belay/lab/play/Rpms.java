package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packages of the lab's CentOS 7 hosts: what each role has installed at the start (CentOS 7.3
 * with Ceph Hammer and Nova Newton) and what the repositories offer (CentOS 7.4, Ceph Jewel, Nova
 * Ocata). Versions are {@code version-release}, as {@code rpm -q} and yum print them.
 */
final class Rpms {

    /** One package: name, version-release, arch and the repository it comes from. */
    record Rpm(String name, String version, String arch, String repo) {
        String nvra() {
            return name + "-" + version + "." + arch;
        }
    }

    static final String OLD_KERNEL = "3.10.0-514.el7";
    static final String NEW_KERNEL = "3.10.0-693.el7";
    static final String HAMMER = "0.94.10-0.el7";
    static final String JEWEL = "10.2.10-0.el7";
    static final String NEWTON = "14.0.8-1.el7";
    static final String OCATA = "15.0.8-1.el7";

    private Rpms() {
    }

    /** {@code [name, installed, available]} for every host. */
    private static final String[][] BASE = {
            {"centos-release", "7-3.1611.el7.centos", "7-4.1708.el7.centos"},
            {"systemd", "219-30.el7", "219-42.el7"},
            {"openssh-server", "6.6.1p1-31.el7", "7.4p1-11.el7"},
            {"kexec-tools", "2.0.7-50.el7", "2.0.14-17.el7"},
            {"docker", "1.12.6-28.git1398f24.el7.centos", "1.12.6-55.gitc4618fb.el7.centos"},
            {"chrony", "2.1.1-4.el7.centos", "3.1-2.el7.centos"},
            {"ceph-common", HAMMER, JEWEL},
    };
    private static final String[][] MON = {{"ceph-mon", HAMMER, JEWEL}};
    private static final String[][] OSD = {{"ceph-osd", HAMMER, JEWEL}};
    private static final String[][] CONTROLLER = {
            {"httpd", "2.4.6-45.el7.centos", "2.4.6-67.el7.centos"},
            {"openstack-nova-common", NEWTON, OCATA},
            {"openstack-nova-api", NEWTON, OCATA},
            {"openstack-nova-conductor", NEWTON, OCATA},
            {"openstack-nova-scheduler", NEWTON, OCATA},
            {"openstack-nova-console", NEWTON, OCATA},
            {"openstack-nova-novncproxy", NEWTON, OCATA},
            {"python-nova", NEWTON, OCATA},
            {"centos-release-openstack-newton", "1-2.el7", "1-2.el7"},
    };
    private static final String[][] COMPUTE = {
            {"libvirt-daemon", "2.0.0-10.el7", "3.2.0-14.el7"},
            {"openstack-nova-common", NEWTON, OCATA},
            {"openstack-nova-compute", NEWTON, OCATA},
            {"python-nova", NEWTON, OCATA},
            {"centos-release-openstack-newton", "1-2.el7", "1-2.el7"},
    };
    /** Offered but installed nowhere at the start; a centos-release-openstack-* package brings its repository (YumRepos). */
    private static final String[][] EXTRA = {{"openstack-nova-placement-api", null, OCATA},
            {"centos-release-openstack-ocata", null, "1-2.el7"}};

    /** What a host with these roles has installed at the start (kernel apart). */
    static Map<String, String> installed(boolean mon, boolean osd, boolean controller, boolean compute) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String[][]> sets = new ArrayList<>();
        sets.add(BASE);
        if (mon) {
            sets.add(MON);
        }
        if (osd) {
            sets.add(OSD);
        }
        if (controller) {
            sets.add(CONTROLLER);
        }
        if (compute) {
            sets.add(COMPUTE);
        }
        sets.forEach(set -> {
            for (String[] p : set) {
                out.put(p[0], p[1]);
            }
        });
        return out;
    }

    /** The newest version the repositories offer of {@code name}, or null. */
    static Rpm available(String name) {
        if (name.equals("kernel")) {
            return new Rpm("kernel", NEW_KERNEL, "x86_64", "updates");
        }
        for (String[][] set : List.of(BASE, MON, OSD, CONTROLLER, COMPUTE, EXTRA)) {
            for (String[] p : set) {
                if (p[0].equals(name)) {
                    return new Rpm(name, p[2], "x86_64", repoOf(name));
                }
            }
        }
        return null;
    }

    static List<String> allNames() {
        List<String> names = new ArrayList<>(List.of("kernel"));
        for (String[][] set : List.of(BASE, MON, OSD, CONTROLLER, COMPUTE, EXTRA)) {
            for (String[] p : set) {
                if (!names.contains(p[0])) {
                    names.add(p[0]);
                }
            }
        }
        return names;
    }

    /**
     * Ceph and Nova move only when named ({@code yum -y update ceph-mon}): a bare {@code yum update}
     * of the host OS must not jump the storage or the cloud to a new release, as version locks
     * (or the release repositories being enabled only for their own upgrade) ensure on real hosts.
     */
    static boolean heldBack(String name) {
        return name.startsWith("ceph") || name.startsWith("openstack-nova") || name.equals("python-nova");
    }

    static String repoOf(String name) {
        if (name.startsWith("ceph")) {
            return "ceph-jewel";
        }
        if (name.startsWith("openstack-nova") || name.equals("python-nova")) {
            return "centos-openstack-ocata";
        }
        return name.startsWith("centos-release-") && !name.equals("centos-release") ? "extras" : "updates";
    }

    /** Compares two {@code version-release} strings the way rpm does, near enough: numeric runs as numbers. */
    static int compare(String a, String b) {
        String[] x = a.split("[^0-9A-Za-z]+");
        String[] y = b.split("[^0-9A-Za-z]+");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            boolean nx = x[i].chars().allMatch(Character::isDigit);
            boolean ny = y[i].chars().allMatch(Character::isDigit);
            if (nx && ny) {
                c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The upstream version of a Ceph package version: {@code 10.2.10-0.el7} → {@code 10.2.10}. */
    static String upstream(String versionRelease) {
        int dash = versionRelease.indexOf('-');
        return dash < 0 ? versionRelease : versionRelease.substring(0, dash);
    }
}
