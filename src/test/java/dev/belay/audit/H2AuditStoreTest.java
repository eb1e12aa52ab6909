package dev.belay.audit;

import java.nio.file.Path;
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
}
