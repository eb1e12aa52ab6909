package dev.belay.lab.play;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** The MariaDB client tools that are not the {@code mysql} shell: {@code mysql_upgrade} and {@code mysqladmin}. */
final class MysqlAdminTools {

    private final GaleraPlay galera;

    MysqlAdminTools(GaleraPlay galera) {
        this.galera = galera;
    }

    /** A client tool's session on the local node, under the play's lock. */
    private interface Session {
        PlayResult on(GaleraNode n, MysqlClient.Options o, Instant now);
    }

    /**
     * Runs a client tool ({@code mysql_upgrade}, {@code mysqladmin}) against the local node: its options
     * parsed as the client's, a refused connection answered with {@code refusedText} of the client's error.
     */
    private PlayResult asClient(Call call, UnaryOperator<String> refusedText, Session session) {
        MysqlClient.Options o;
        try {
            o = MysqlClient.Options.parse(call.args());
        } catch (PlayFailure f) {
            return f.result();
        }
        Instant now = galera.cluster().clock().now();
        synchronized (galera) {
            GaleraNode n = galera.node(call.host());
            String refused = galera.refusal(n, o, now);
            if (refused != null) {
                return PlayResult.fail(1, refusedText.apply(refused));
            }
            return session.on(n, o, now);
        }
    }

    /** {@code mysql_upgrade}: upgrades the system tables once per server version ({@code --force}: again). */
    PlayResult upgrade(Call call) {
        return asClient(call, refused -> "mysql_upgrade: Got error: " + refused.replaceFirst("^ERROR ", "")
                .replaceFirst(" \\(HY000\\): ", ": ") + " while connecting to the MySQL server\n"
                + "Upgrade process encountered error and will not continue.\n", (n, o, now) -> {
            String version = MariadbVersions.server(n.release);
            if (n.release.equals(n.upgradedTo) && !call.args().contains("--force")) {
                return PlayResult.ok("This installation of MySQL is already upgraded to " + version
                        + ", use --force if you still need to run mysql_upgrade\n");
            }
            n.upgradedTo = n.release;
            galera.write(n, 10);
            StringBuilder out = new StringBuilder("Phase 1/6: Checking and upgrading mysql database\n"
                    + "Processing databases\nmysql\n");
            for (String t : List.of("column_stats", "columns_priv", "db", "event", "func", "gtid_slave_pos",
                    "help_category", "plugin", "proc", "procs_priv", "proxies_priv", "servers", "tables_priv",
                    "user")) {
                out.append(String.format("%-50s OK%n", "mysql." + t));
            }
            out.append("Phase 2/6: Fixing views\nPhase 3/6: Running 'mysql_fix_privilege_tables'\n"
                    + "Phase 4/6: Fixing table and database names\nPhase 5/6: Checking and upgrading tables\n"
                    + "Processing databases\n");
            galera.databases().forEach(db -> out.append(db).append('\n'));
            out.append("Phase 6/6: Running 'FLUSH PRIVILEGES'\nOK\n");
            return PlayResult.ok(out.toString());
        });
    }

    /** {@code mysqladmin}: {@code status}, else {@code ping}'s answer. */
    PlayResult admin(Call call) {
        return asClient(call, refused -> "mysqladmin: connect to server at 'localhost' failed\nerror: '"
                + refused.replaceFirst("^ERROR \\d+ \\(\\w+\\): ", "") + "'\n", (n, o, now) -> {
            if (o.positional().contains("status")) {
                long up = Duration.between(n.since, now).getSeconds();
                return PlayResult.ok("Uptime: " + up + "  Threads: 12  Questions: " + (up * 40)
                        + "  Slow queries: 0  Opens: 120  Flush tables: 1  Open tables: 114  Queries per second avg: 40.000\n");
            }
            return PlayResult.ok("mysqld is alive\n");
        });
    }
}
