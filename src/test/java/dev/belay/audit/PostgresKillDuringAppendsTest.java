package dev.belay.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PostgresKillDuringAppendsTest extends KillDuringAppendsContract {
    @Override
    protected String freshUrl() throws Exception {
        String url = PostgresAuditStoreTest.PG_URL;
        assumeTrue(url != null && !url.isBlank(), "BELAY_TEST_PG_URL is not set: no PostgreSQL here");
        PostgresAuditStoreTest.resetSchema(url);
        return url;
    }
}
