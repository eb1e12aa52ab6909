package dev.belay.audit;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2KillDuringAppendsTest extends KillDuringAppendsContract {
    @TempDir
    Path dir;

    @Override
    protected String freshUrl() {
        return AuditStore.h2Url(dir.resolve("audit"));
    }
}
