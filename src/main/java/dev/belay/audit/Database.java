package dev.belay.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Opens JDBC connections to the audit database and brings its schema up to date with Flyway. */
final class Database {

    static {
        // H2 keeps a shared cache of recently decoded strings and numbers and hashes every value it
        // decodes to look it up there: a seventh of a verify's time (JFR), for a log whose payloads
        // hardly ever repeat. Read when H2 first loads; a value set on the command line wins.
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
    }

    /** The default store: an H2 file under ~/.belay/audit that a reviewer can open while a run is live. */
    static String defaultUrl() {
        Path dir = Path.of(System.getProperty("user.home"), ".belay", "audit");
        return h2FileUrl(dir.resolve("belay"));
    }

    /** An H2 file URL; AUTO_SERVER lets a second process read while the first one writes. */
    static String h2FileUrl(Path fileWithoutExtension) {
        return "jdbc:h2:file:" + fileWithoutExtension.toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    private final String url;
    private final boolean postgres;

    Database(String url) {
        this.postgres = url.startsWith("jdbc:postgresql:");
        if (!postgres && !url.startsWith("jdbc:h2:")) {
            throw new AuditException("Unsupported audit database URL '" + url
                    + "': use jdbc:h2:... or jdbc:postgresql://host/db?user=...");
        }
        this.url = url.startsWith("jdbc:h2:") ? durableH2(url) : url;
    }

    /**
     * H2 delays writing commits by 500 ms by default; a killed process would lose them.
     * WRITE_DELAY=0 writes every commit before it returns. H2 also writes a {@code .trace.db} file
     * beside the log whenever a caller uses a closed connection; Belay reports those errors itself,
     * and the stray file would sit next to the audit log (and break temp-dir cleanup in tests).
     */
    private static String durableH2(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String durable = upper.contains("WRITE_DELAY") ? url : url + ";WRITE_DELAY=0";
        return upper.contains("TRACE_LEVEL_FILE") ? durable : durable + ";TRACE_LEVEL_FILE=0";
    }

    String url() {
        return url;
    }

    boolean isPostgres() {
        return postgres;
    }

    Connection connect() {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new AuditException("Cannot open the audit database " + redacted() + ": " + e.getMessage()
                    + " (check --db, that the server runs and that the user may connect)", e);
        }
    }

    /**
     * The newest migration of each kind of database ({@code db/migration}, plus {@code db/postgresql} on
     * PostgreSQL); {@code DatabaseMigrationsTest} keeps them equal to the newest scripts.
     */
    static final String LATEST_H2 = "2.1";
    static final String LATEST_POSTGRES = "2.2";

    /**
     * Brings the schema up to date. When its history already records the newest migration and no failed
     * one, Flyway is not started at all: it loads some 400 classes and scans the class path, about a
     * fifth of a short {@code belay run}'s start-up CPU, to find nothing to do. (Flyway's check that applied
     * scripts were not edited then runs only when a new migration comes.)
     */
    void migrate() {
        if (isCurrent()) {
            return;
        }
        Map<String, String> types = postgres
                ? Map.of("text", "TEXT", "blob", "BYTEA")
                : Map.of("text", "CHARACTER VARYING", "blob", "BLOB");
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(url, null, null)
                    // PostgreSQL also gets its append-only triggers (db/postgresql; docs/audit.md).
                    .locations(postgres ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
                            : new String[] {"classpath:db/migration"})
                    .placeholders(types)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new AuditException("Cannot create or upgrade the audit schema in " + redacted() + ": " + why
                    + " (check --db, that the database server runs and that the user may create tables)", e);
        }
    }

    /** Whether the history names the newest migration as applied and no migration as failed. */
    private boolean isCurrent() {
        String sql = "SELECT SUM(CASE WHEN \"version\" = ? AND \"success\" THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN \"success\" THEN 0 ELSE 1 END) FROM \"flyway_schema_history\"";
        try (Connection c = DriverManager.getConnection(url);
             java.sql.PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, postgres ? LATEST_POSTGRES : LATEST_H2);
            try (java.sql.ResultSet r = q.executeQuery()) {
                return r.next() && r.getLong(1) == 1 && r.getLong(2) == 0 && !r.wasNull();
            }
        } catch (SQLException noHistoryYet) {
            // A new database (no history table) or one we cannot read: Flyway decides, and reports.
            return false;
        }
    }

    /** The URL without a password, for messages. */
    String redacted() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1******");
    }
}
