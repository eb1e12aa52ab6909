package dev.belay.lab.play;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Lines of MariaDB 10.1's error log, as the lab's Galera nodes and their {@code mysqld} tools write them. */
final class MariadbLog {

    /** MariaDB writes its error log's hour space-padded ({@code "%2d"}): "2026-12-02  1:58:36". */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd ppH:mm:ss").withZone(ZoneOffset.UTC);

    private MariadbLog() {
    }

    /** One line at {@code at}, of {@code level} ({@code Note}, {@code Warning}, {@code ERROR}). */
    static String line(Instant at, String level, String message) {
        return TIME.format(at) + " 140312495085760 [" + level + "] " + message;
    }

    /** The {@code ERROR} lines of a failure at {@code at}, then mysqld's last word, {@code Aborting}. */
    static String aborting(Instant at, String... errors) {
        StringBuilder out = new StringBuilder();
        for (String error : errors) {
            out.append(line(at, "ERROR", error)).append('\n');
        }
        return out.append(line(at, "ERROR", "Aborting")).toString();
    }

    /** What MariaDB 10.1 logs when it finds a prepared transaction it cannot resolve on its own (log.cc). */
    static String preparedXaAbort(Instant now) {
        return line(now, "Note", "InnoDB: Starting recovery for XA transactions...") + "\n"
                + line(now, "Note", "InnoDB: Transaction 2817 in prepared state after recovery") + "\n"
                + line(now, "Note", "InnoDB: Transaction contains changes to 1 rows") + "\n"
                + line(now, "Note", "InnoDB: 1 transactions in prepared state after recovery") + "\n"
                + line(now, "Note", "Found 1 prepared transaction(s) in InnoDB") + "\n"
                + aborting(now, "Found 1 prepared transactions! It means that mysqld was not shut down properly "
                + "last time and critical recovery information (last binlog or tc.log file) was manually deleted "
                + "after a crash. You have to start mysqld with --tc-heuristic-recover switch to commit or rollback "
                + "pending transactions.");
    }
}
