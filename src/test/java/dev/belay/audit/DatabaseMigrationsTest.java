package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway is skipped for a current schema, and only then (Database.migrate). */
class DatabaseMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void theNewestVersionsNamedInDatabaseAreTheNewestScripts() throws IOException {
        String h2 = newest(Path.of("src/main/resources/db/migration"));
        assertThat(Database.LATEST_H2).as("db/migration's newest script").isEqualTo(h2);
        String postgres = Stream.of(h2, newest(Path.of("src/main/resources/db/postgresql")))
                .max(Comparator.comparing(DatabaseMigrationsTest::versionKey)).orElseThrow();
        assertThat(Database.LATEST_POSTGRES).as("the newest of db/migration and db/postgresql").isEqualTo(postgres);
    }

    @Test
    void aSchemaWhoseHistoryLacksTheNewestMigrationIsMigratedAgain() throws Exception {
        String url = AuditStore.h2Url(dir.resolve("audit"));
        AuditStore.open(url).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + Database.LATEST_H2 + "'");
            s.execute("DROP TABLE checkpoints");
        }
        AuditStore.open(url).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM checkpoints")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isZero();
        }
    }

    @Test
    void aFailedMigrationInTheHistoryIsLeftToFlywayToReport() throws Exception {
        String url = AuditStore.h2Url(dir.resolve("audit"));
        AuditStore.open(url).close();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                    + Database.LATEST_H2 + "'");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditStore.open(url).close())
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("Cannot create or upgrade the audit schema");
    }

    private static String newest(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .max(Comparator.comparing(DatabaseMigrationsTest::versionKey)).orElseThrow();
        }
    }

    /** "2.1" before "10": each part as a zero-padded number. */
    private static String versionKey(String v) {
        StringBuilder key = new StringBuilder();
        for (String part : v.split("\\.")) {
            key.append(String.format("%09d.", Integer.parseInt(part)));
        }
        return key.toString();
    }
}
