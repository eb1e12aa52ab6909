package dev.belay.lab.play;

import dev.belay.lab.FaultKind;
import java.util.List;
import java.util.Optional;

/**
 * A Kolla bootstrap container ({@code KOLLA_BOOTSTRAP}, or a {@code *-manage db sync} one-shot): what it
 * prints, and the schema migrations it makes on the Galera cluster ({@link GaleraPlay#migrated}).
 */
final class KollaDbSync {

    private KollaDbSync() {
    }

    /**
     * The bootstrap container of {@code service} at {@code release} on {@code host}: the service's
     * database migrations through the VIP to a Synced node. {@code db-sync-fails@H} makes them fail on
     * {@code host}.
     */
    static PlayResult run(Cluster cluster, String host, String service, String release) {
        GaleraPlay galera = cluster.play(GaleraPlay.class);
        List<String> dbs = MysqlDump.databasesOf(service);
        StringBuilder out = new StringBuilder();
        out.append("INFO:__main__:Loading config file at /var/lib/kolla/config_files/config.json\n")
                .append("INFO:__main__:Validating config file\n")
                .append("INFO:__main__:Kolla config strategy set to: COPY_ALWAYS\n")
                .append("INFO:__main__:Copying service configuration files\n")
                .append("INFO:__main__:Writing out command to execute\n");
        if (dbs.isEmpty()) {
            return PlayResult.ok(out.append("++ exit 0\n").toString());
        }
        String tool = MysqlDump.syncCommand(service);
        out.append("++ ").append(tool).append('\n');
        Optional<String> backend = galera.backendForVip();
        if (backend.isEmpty()) {
            return new PlayResult(out.toString(), "oslo_db.exception.DBConnectionError: (pymysql.err.OperationalError) "
                    + "(2013, 'Lost connection to MySQL server during query')\n", 1);
        }
        if (cluster.faults().has(FaultKind.DB_SYNC_FAILS, host)) {
            return new PlayResult(out.toString(), "CRITICAL " + tool.split(" ")[0] + " [-] Unhandled error: "
                    + "oslo_db.exception.DBMigrationError: lab: injected fault db-sync-fails@" + host
                    + ": migration of " + dbs.get(0) + " to " + release + " failed\n", 1);
        }
        galera.migrated(dbs, release, backend.get());
        return PlayResult.ok(out.append("++ exit 0\n").toString());
    }
}
