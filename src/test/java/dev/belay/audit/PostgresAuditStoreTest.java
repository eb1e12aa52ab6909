package dev.belay.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The audit contract on a real PostgreSQL, when BELAY_TEST_PG_URL names one (.ci/services/postgres.sh). */
class PostgresAuditStoreTest extends AuditStoreContract {

    static final String PG_URL = System.getenv("BELAY_TEST_PG_URL");

    @Override
    protected String freshUrl() throws Exception {
        assumeTrue(PG_URL != null && !PG_URL.isBlank(), "BELAY_TEST_PG_URL is not set: no PostgreSQL here");
        resetSchema(PG_URL);
        return PG_URL;
    }

    static void resetSchema(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }

    @Override
    protected String url() {
        return PG_URL;
    }

    /**
     * Tampering on PostgreSQL takes the tables' owner (here the superuser the tests connect as): the
     * append-only triggers are disabled around the edit, as only an owner can.
     */
    @Override
    protected void sql(String statement) throws SQLException {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE events DISABLE TRIGGER USER");
            s.execute("ALTER TABLE chain_head DISABLE TRIGGER USER");
            try {
                s.executeUpdate(statement);
            } finally {
                s.execute("ALTER TABLE events ENABLE TRIGGER USER");
                s.execute("ALTER TABLE chain_head ENABLE TRIGGER USER");
            }
        }
    }

    @Override
    void closeStore() {
        if (store != null) {
            super.closeStore();
        }
    }
}
