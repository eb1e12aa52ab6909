package dev.belay.app;

import dev.belay.audit.AuditStore;
import java.util.HashMap;
import java.util.Map;

/**
 * One audit store per database per process: the run service, the History page and the CLI lease the
 * same store for a URL instead of each opening their own on one file (two stores on one H2 file race
 * for its lock and keep two write queues). The store closes when its last lease does.
 */
public final class AuditStores {

    private static final Map<String, Shared> OPEN = new HashMap<>();

    private AuditStores() {
    }

    /** The process's store for {@code jdbcUrl}, opened (and migrated) on the first lease. */
    public static Lease lease(String jdbcUrl) {
        synchronized (OPEN) {
            Shared shared = OPEN.get(jdbcUrl);
            if (shared == null) {
                shared = new Shared(jdbcUrl, AuditStore.open(jdbcUrl));
                OPEN.put(jdbcUrl, shared);
            }
            shared.leases++;
            return new Lease(shared);
        }
    }

    private static final class Shared {
        private final String url;
        private final AuditStore store;
        private int leases;

        private Shared(String url, AuditStore store) {
            this.url = url;
            this.store = store;
        }
    }

    /** A hold on the shared store; closing it (once) gives it back. */
    public static final class Lease implements AutoCloseable {
        private final Shared shared;
        private boolean closed;

        private Lease(Shared shared) {
            this.shared = shared;
        }

        public AuditStore store() {
            return shared.store;
        }

        @Override
        public void close() {
            synchronized (OPEN) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--shared.leases == 0) {
                    OPEN.remove(shared.url);
                    shared.store.close();
                }
            }
        }
    }
}
