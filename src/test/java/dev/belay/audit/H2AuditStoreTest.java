package dev.belay.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit contract on a real H2 file in a temp dir. */
class H2AuditStoreTest extends AuditStoreContract {

    @TempDir
    Path dir;
    private String url;

    @Override
    protected String freshUrl() {
        url = AuditStore.h2Url(dir.resolve("audit"));
        return url;
    }

    @Override
    protected String url() {
        return url;
    }

    /** H2 writes commits up to 500 ms late by default; a killed process would lose them. */
    @Test
    void commitsAreWrittenBeforeAppendReturns() throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("0");
        }
    }
}
