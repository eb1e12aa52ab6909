package dev.belay.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The fixed catalogue of faults a trainer or a test can inject into the lab. Each is named on the
 * command line as {@code KIND@HOST} (a host fault), {@code KIND@HOST:ARG} (a host fault with an
 * argument, e.g. the container name) or {@code KIND} (a cluster-wide fault).
 */
public enum FaultKind {
    GALERA_JOINER_CRASH("galera-joiner-crash", Scope.HOST, "mariadb on the host exits while joining"),
    GALERA_NO_SAFE_BOOTSTRAP("galera-no-safe-bootstrap", Scope.CLUSTER,
            "every grastate.dat has safe_to_bootstrap: 0 and seqno -1 until mysqld --wsrep-recover"),
    GALERA_MEMBER_CRASH("galera-member-crash", Scope.HOST,
            "mariadb on the host is killed (no clean leave) the next time another node joins or leaves its cluster"),
    GALERA_PREPARED_XA("galera-prepared-xa", Scope.HOST,
            "the host's InnoDB holds a prepared transaction: mysqld aborts until --tc-heuristic-recover"),
    RABBITMQ_REJOIN_FAILS("rabbitmq-rejoin-fails", Scope.HOST, "RabbitMQ on the host starts as a cluster of one"),
    CEPH_MON_OUT_OF_QUORUM("ceph-mon-out-of-quorum", Scope.HOST, "the host's Ceph monitor stays out of quorum"),
    CEPH_HALF_UPGRADED("ceph-half-upgraded", Scope.HOST,
            "an earlier attempt upgraded the host's monitor: its Ceph packages are Jewel's and its monitor runs Jewel"),
    CEPH_SLOW_RECOVERY("ceph-slow-recovery", Scope.CLUSTER, "placement groups stay degraded for 10 minutes"),
    HOST_NO_RETURN("host-no-return", Scope.HOST, "the host does not come back after a reboot"),
    DB_SYNC_FAILS("db-sync-fails", Scope.HOST, "database migrations (db sync) fail on the host"),
    CONNECTION_DROP("connection-drop", Scope.HOST, "SSH connections to the host drop mid-command"),
    DISK_FULL("disk-full", Scope.HOST,
            "writes on the host fail with \"No space left on device\"; its RabbitMQ raises the disk alarm"),
    SLOW("slow", Scope.HOST, "every command on the host takes 5 s longer"),
    CONTAINER_EXITS("container-exits", Scope.HOST_AND_ARG, "the named container on the host exits"),
    DNS_WRONG("dns-wrong", Scope.HOST, "the host's name resolves to 127.0.1.1 (a Debian-style /etc/hosts line)"),
    HAPROXY_NO_BACKENDS("haproxy-no-backends", Scope.HOST,
            "HAProxy on the host holds the VIP but has lost its backends: every request through it answers 503"),
    CATALOG_INTERNAL_MISSING("catalog-internal-missing", Scope.CLUSTER,
            "the Keystone catalog has lost its internal endpoints"),
    SERVICE_NOT_REPORTING("service-not-reporting", Scope.HOST_AND_ARG,
            "the named container on the host runs, but its Nova service never reports in (listed down)"),
    NOVA_PACKAGES_AHEAD("nova-packages-ahead", Scope.HOST,
            "the host's Nova packages are already the next release's (an earlier attempt updated them)"),
    CENTOS_8("centos-8", Scope.HOST,
            "the host was reinstalled with CentOS Linux 8.1.1911: its release files, /proc/version and uname say so");

    /** Whether the fault names a host, a host and an argument, or the whole cluster. */
    public enum Scope { CLUSTER, HOST, HOST_AND_ARG }

    private final String id;
    private final Scope scope;
    private final String description;

    FaultKind(String id, Scope scope, String description) {
        this.id = id;
        this.scope = scope;
        this.description = description;
    }

    /** The name used on the command line and in scenarios, e.g. {@code galera-joiner-crash}. */
    public String id() {
        return id;
    }

    public Scope scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    public static Optional<FaultKind> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.id.equals(wanted)).findFirst();
    }
}
