package dev.belay.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.NewEvent;
import dev.belay.audit.Operator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditStoresTest {

    @Test
    void oneStorePerDatabaseOpenUntilItsLastLeaseCloses(@TempDir Path dir) {
        String url = AuditStore.h2Url(dir.resolve("audit"));
        AuditStores.Lease runs = AuditStores.lease(url);
        AuditStores.Lease history = AuditStores.lease(url);
        try (AuditStores.Lease other = AuditStores.lease(AuditStore.h2Url(dir.resolve("other")))) {
            assertThat(history.store()).isSameAs(runs.store()).isNotSameAs(other.store());
        }

        runs.close();
        runs.close(); // a second close of one lease gives nothing back twice
        NewEvent e = NewEvent.of("r1", new Operator("alice", "alice", "ws"), null, EventType.NOTE);
        history.store().append(e);
        assertThat(history.store().timeline("r1")).hasSize(1);

        AuditStore store = history.store();
        history.close();
        try (AuditStores.Lease again = AuditStores.lease(url)) {
            assertThat(again.store()).as("the last lease closed the store; a new one is opened").isNotSameAs(store);
            assertThat(again.store().timeline("r1")).hasSize(1);
        }
    }
}
