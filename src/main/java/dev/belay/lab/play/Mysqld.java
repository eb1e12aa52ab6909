package dev.belay.lab.play;

import dev.belay.lab.play.GaleraNode.Phase;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code mysqld} run by hand on a lab host whose server is stopped: {@code --version}, {@code
 * --wsrep-recover} (the recovered position, into the error log or {@code --log-error}) and {@code
 * --tc-heuristic-recover=ROLLBACK|COMMIT} (resolves {@code galera-prepared-xa}). The server itself is
 * started as the {@code mariadb} container or service ({@link GaleraPlay}).
 */
final class Mysqld {

    private final GaleraPlay galera;

    Mysqld(GaleraPlay galera) {
        this.galera = galera;
    }

    PlayResult run(Call call) {
        List<String> args = call.args();
        Instant now = galera.cluster().clock().now();
        if (args.contains("--version") || args.contains("-V")) {
            GaleraNode n = galera.node(call.host());
            return PlayResult.ok("mysqld  Ver " + MariadbVersions.server(n.release) + " for Linux on x86_64 (MariaDB Server)\n");
        }
        Optional<String> heuristic = args.stream().filter(a -> a.startsWith("--tc-heuristic-recover=")
                || a.startsWith("--tc_heuristic_recover=")).map(a -> a.substring(a.indexOf('=') + 1)).findFirst();
        if (heuristic.isPresent()) {
            return heuristicRecover(call, heuristic.get(), now);
        }
        if (!args.contains("--wsrep-recover") && !args.contains("--wsrep_recover")) {
            return PlayResult.fail(1, "mysqld: the lab plays only 'mysqld --wsrep-recover' and "
                    + "'--tc-heuristic-recover=ROLLBACK|COMMIT'; start the server with 'docker start mariadb'\n");
        }
        String logFile = args.stream().filter(a -> a.startsWith("--log-error=") || a.startsWith("--log_error="))
                .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElse(null);
        StringBuilder log = new StringBuilder();
        int rc;
        synchronized (galera) {
            GaleraNode n = galera.node(call.host());
            String version = MariadbVersions.server(n.release);
            log.append(MariadbLog.line(now, "Note", "mysqld (mysqld " + version + ") starting as process 4711 ...")).append('\n');
            if (n.phase != Phase.DOWN) {
                log.append(MariadbLog.line(now, "ERROR", "InnoDB: Unable to lock ./ibdata1, error: 11")).append('\n')
                        .append(MariadbLog.line(now, "Note", "InnoDB: Check that you do not already have another mysqld process "
                                + "using the same InnoDB data or log files.")).append('\n');
                rc = 1;
            } else if (galera.preparedXa(n.host)) {
                log.append(MariadbLog.preparedXaAbort(now)).append('\n');
                rc = 1;
            } else {
                Optional<Grastate> g = galera.readGrastate(n);
                String uuid = g.map(Grastate::uuid).orElse(Grastate.ZERO_UUID);
                log.append(MariadbLog.line(now, "Note", "InnoDB: Using mutexes to ref count buffer pool pages")).append('\n')
                        .append(MariadbLog.line(now, "Note", "InnoDB: Highest supported file format is Barracuda.")).append('\n')
                        .append(MariadbLog.line(now, "Note", "InnoDB: Waiting for purge to start")).append('\n')
                        .append(MariadbLog.line(now, "Note", "WSREP: Recovered position: " + uuid + ":" + n.position)).append('\n')
                        .append(MariadbLog.line(now, "Note", "mysqld: Shutdown complete")).append('\n');
                // The lab writes the recovered seqno back, so the operator's next cat shows it.
                g.ifPresent(s -> galera.writeGrastate(n, new Grastate(s.uuid(), n.position, s.safeToBootstrap())));
                rc = 0;
            }
        }
        if (logFile != null) {
            String before = galera.cluster().files().read(call.host(), logFile).orElse("");
            galera.cluster().files().write(call.host(), logFile, before + log);
            return new PlayResult("", "", rc);
        }
        return new PlayResult("", log.toString(), rc);
    }

    /**
     * {@code mysqld --tc-heuristic-recover=ROLLBACK|COMMIT}: resolves the prepared transactions, then exits 1
     * as MariaDB does ("Please restart mysqld without --tc-heuristic-recover"). Output on standard error.
     */
    private PlayResult heuristicRecover(Call call, String how, Instant now) {
        String mode = how.toUpperCase(Locale.ROOT);
        if (!mode.equals("ROLLBACK") && !mode.equals("COMMIT")) {
            return PlayResult.fail(1, MariadbLog.aborting(now, "mysqld: unknown option '--tc-heuristic-recover="
                    + how + "'") + "\n");
        }
        StringBuilder out = new StringBuilder();
        synchronized (galera) {
            GaleraNode n = galera.node(call.host());
            if (n.phase != Phase.DOWN) {
                return PlayResult.fail(1, MariadbLog.line(now, "ERROR", "InnoDB: Unable to lock ./ibdata1, error: 11") + "\n");
            }
            out.append(MariadbLog.line(now, "Note", "Heuristic crash recovery mode")).append('\n');
            if (galera.preparedXa(n.host)) {
                out.append(MariadbLog.line(now, "Note", "InnoDB: Starting recovery for XA transactions...")).append('\n')
                        .append(MariadbLog.line(now, "Note", "InnoDB: Transaction 2817 in prepared state after recovery")).append('\n')
                        .append(MariadbLog.line(now, "Note", "InnoDB: " + (mode.equals("ROLLBACK") ? "Rolling back" : "Committing")
                                + " trx with id 2817, 1 rows to undo")).append('\n');
                galera.resolveXa(n.host);
            }
            out.append(MariadbLog.line(now, "Note", "Please restart mysqld without --tc-heuristic-recover")).append('\n')
                    .append(MariadbLog.aborting(now, "Can't init tc log")).append('\n');
        }
        return new PlayResult("", out.toString(), 1);
    }
}
