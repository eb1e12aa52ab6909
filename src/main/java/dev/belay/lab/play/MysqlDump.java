package dev.belay.lab.play;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mysqldump} of MariaDB 10.1 over the lab's OpenStack databases: the header, per database
 * (with {@code --all-databases}/{@code --databases}) the CREATE DATABASE and USE, per table DROP,
 * CREATE TABLE and the INSERTs, framed by the usual {@code /*!40101 SET ...}} lines. A schema depends
 * on the release its database was migrated to, so a dump before and after an upgrade differs by that
 * release's migrations.
 */
final class MysqlDump {

    /** The databases of a Pike Kolla control plane. */
    static final List<String> OPENSTACK_DATABASES = List.of(
            "cinder", "glance", "heat", "keystone", "neutron", "nova", "nova_api", "nova_cell0");

    private static final DateTimeFormatter DONE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm:ss").withZone(ZoneOffset.UTC);

    private final GaleraPlay galera;

    MysqlDump(GaleraPlay galera) {
        this.galera = galera;
    }

    /** The databases a Kolla service's bootstrap (db sync) migrates. */
    static List<String> databasesOf(String service) {
        return switch (service) {
            case "keystone" -> List.of("keystone");
            case "glance-api" -> List.of("glance");
            case "nova-api" -> List.of("nova_api", "nova", "nova_cell0");
            case "nova-placement-api" -> List.of("nova_api");
            case "neutron-server" -> List.of("neutron");
            case "cinder-api" -> List.of("cinder");
            case "heat-api" -> List.of("heat");
            default -> List.of();
        };
    }

    /** The command a Kolla bootstrap container of {@code service} runs. */
    static String syncCommand(String service) {
        return switch (service) {
            case "keystone" -> "keystone-manage db_sync";
            case "glance-api" -> "glance-manage db_sync";
            case "nova-api" -> "nova-manage api_db sync";
            case "nova-placement-api" -> "nova-manage api_db sync";
            case "neutron-server" -> "neutron-db-manage --config-file /etc/neutron/neutron.conf upgrade head";
            case "cinder-api" -> "cinder-manage db sync";
            case "heat-api" -> "heat-manage db_sync";
            default -> "true";
        };
    }

    /** The tables of {@code db} at {@code release}: name to column definitions. */
    static Map<String, List<String>> tables(String db, String release) {
        Map<String, List<String>> t = new LinkedHashMap<>();
        boolean queensOrLater = release != null && Kolla.RELEASES.indexOf(release) >= Kolla.RELEASES.indexOf("queens");
        List<String> base = new ArrayList<>(List.of("`id` varchar(64) NOT NULL", "`created_at` datetime DEFAULT NULL",
                "`updated_at` datetime DEFAULT NULL"));
        String main = switch (db) {
            case "keystone" -> "project";
            case "glance" -> "images";
            case "nova", "nova_cell0" -> "instances";
            case "nova_api" -> "cell_mappings";
            case "neutron" -> "networks";
            case "cinder" -> "volumes";
            case "heat" -> "stack";
            default -> null;
        };
        if (main == null) {
            return t;
        }
        List<String> cols = new ArrayList<>(base);
        cols.add("`name` varchar(255) DEFAULT NULL");
        if (queensOrLater) {
            // The release's migration: one column more.
            cols.add("`description` text");
        }
        t.put(main, cols);
        t.put("migrate_version", List.of("`repository_id` varchar(250) NOT NULL", "`repository_path` text",
                "`version` int(11) DEFAULT NULL"));
        return t;
    }

    PlayResult run(Call call) {
        List<String> args = call.args();
        MysqlClient.Options o;
        try {
            o = MysqlClient.Options.parse(args);
        } catch (PlayFailure f) {
            return PlayResult.fail(2, f.getMessage().replace("mysql:", "mysqldump:") + "\n");
        }
        boolean all = args.contains("--all-databases") || args.contains("-A");
        boolean many = args.contains("--databases") || args.contains("-B");
        boolean noData = args.contains("--no-data") || args.contains("-d");
        boolean comments = !args.contains("--skip-comments") && !args.contains("--compact");
        boolean date = !args.contains("--skip-dump-date");
        Instant now = galera.cluster().clock().now();
        GaleraNode node = galera.node(call.host());
        String refused;
        synchronized (galera) {
            refused = galera.refusal(node, o, now);
        }
        if (refused != null) {
            String why = refused.replaceFirst("^ERROR (\\d+) \\(\\w+\\): (.*)$", "$1: $2");
            return PlayResult.fail(2, "mysqldump: Got error: " + why + " when trying to connect\n");
        }
        if (!galera.applicationReady(node)) {
            return PlayResult.fail(2, "mysqldump: Couldn't execute 'SELECT @@GTID_MODE': WSREP has not yet prepared "
                    + "node for application use (1047)\n");
        }
        List<String> dbs = new ArrayList<>();
        Set<String> known = galera.databases();
        if (all) {
            known.stream().filter(d -> !Set.of("information_schema", "performance_schema").contains(d)).forEach(dbs::add);
        } else {
            if (o.positional().isEmpty()) {
                return PlayResult.fail(1, "Usage: mysqldump [OPTIONS] database [tables]\nOR     mysqldump [OPTIONS] "
                        + "--databases [OPTIONS] DB1 [DB2 DB3...]\nOR     mysqldump [OPTIONS] --all-databases [OPTIONS]\n"
                        + "For more options, use mysqldump --help\n");
            }
            dbs.addAll(many ? o.positional() : o.positional().subList(0, 1));
        }
        for (String db : dbs) {
            if (!known.contains(db)) {
                return PlayResult.fail(2, "mysqldump: Got error: 1049: \"Unknown database '" + db
                        + "'\" when selecting the database\n");
            }
        }
        String version = MariadbVersions.server(node.release);
        Map<String, String> releases = galera.schemaReleases();
        StringBuilder out = new StringBuilder();
        if (comments) {
            out.append("-- MySQL dump 10.16  Distrib ").append(version).append(", for Linux (x86_64)\n--\n")
                    .append("-- Host: ").append(o.host() == null ? "localhost" : o.host())
                    .append("    Database: ").append(all || many ? "" : dbs.get(0)).append('\n')
                    .append("-- ------------------------------------------------------\n")
                    .append("-- Server version\t").append(version).append("\n\n");
        }
        out.append("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n")
                .append("/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;\n")
                .append("/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;\n")
                .append("/*!40101 SET NAMES utf8 */;\n")
                .append("/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;\n")
                .append("/*!40103 SET TIME_ZONE='+00:00' */;\n")
                .append("/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n")
                .append("/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n")
                .append("/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\n")
                .append("/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;\n");
        for (String db : dbs) {
            if (all || many) {
                if (comments) {
                    out.append("\n--\n-- Current Database: `").append(db).append("`\n--\n");
                }
                out.append("\nCREATE DATABASE /*!32312 IF NOT EXISTS*/ `").append(db)
                        .append("` /*!40100 DEFAULT CHARACTER SET utf8 */;\n\nUSE `").append(db).append("`;\n");
            }
            String release = releases.getOrDefault(db, Kolla.STARTING_RELEASE);
            for (Map.Entry<String, List<String>> t : tables(db, releases.get(db)).entrySet()) {
                String table = t.getKey();
                if (comments) {
                    out.append("\n--\n-- Table structure for table `").append(table).append("`\n--\n");
                }
                out.append("\nDROP TABLE IF EXISTS `").append(table).append("`;\n")
                        .append("/*!40101 SET @saved_cs_client     = @@character_set_client */;\n")
                        .append("/*!40101 SET character_set_client = utf8 */;\n")
                        .append("CREATE TABLE `").append(table).append("` (\n");
                for (String col : t.getValue()) {
                    out.append("  ").append(col).append(",\n");
                }
                String key = table.equals("migrate_version") ? "repository_id" : "id";
                out.append("  PRIMARY KEY (`").append(key).append("`)\n")
                        .append(") ENGINE=InnoDB DEFAULT CHARSET=utf8;\n")
                        .append("/*!40101 SET character_set_client = @saved_cs_client */;\n");
                if (!noData) {
                    if (comments) {
                        out.append("\n--\n-- Dumping data for table `").append(table).append("`\n--\n");
                    }
                    out.append("\nLOCK TABLES `").append(table).append("` WRITE;\n")
                            .append("/*!40000 ALTER TABLE `").append(table).append("` DISABLE KEYS */;\n");
                    if (table.equals("migrate_version")) {
                        out.append("INSERT INTO `migrate_version` VALUES ('").append(db).append("','/usr/lib/python2.7/")
                                .append("site-packages/").append(db).append("/db/sqlalchemy/migrate_repo',")
                                .append(10 * (Kolla.RELEASES.indexOf(release) + 1)).append(");\n");
                    } else {
                        out.append("INSERT INTO `").append(table).append("` VALUES ('")
                                .append(DockerPlay.idOf(db + table).substring(0, 32))
                                .append("','2026-01-05 10:00:00',NULL,'").append(db).append("-1'")
                                .append(t.getValue().size() > 4 ? ",NULL" : "").append(");\n");
                    }
                    out.append("/*!40000 ALTER TABLE `").append(table).append("` ENABLE KEYS */;\n")
                            .append("UNLOCK TABLES;\n");
                }
            }
        }
        out.append("/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n\n")
                .append("/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;\n")
                .append("/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n")
                .append("/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;\n")
                .append("/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n")
                .append("/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;\n")
                .append("/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;\n")
                .append("/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;\n");
        if (comments) {
            out.append("\n-- Dump completed").append(date ? " on " + DONE.format(now) : "").append('\n');
        }
        return PlayResult.ok(out.toString());
    }
}
