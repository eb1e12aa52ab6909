package dev.belay.ui.history;

import dev.belay.audit.AuditStore;
import java.util.function.Supplier;

/** Opens the audit store on first use, on a background thread (opening migrates and touches files). */
final class AuditAccess implements AutoCloseable {

    private final Supplier<AuditStore> opener;
    private final boolean owned;
    private AuditStore store;

    AuditAccess(Supplier<AuditStore> opener, boolean owned) {
        this.opener = opener;
        this.owned = owned;
    }

    synchronized AuditStore store() {
        if (store == null) {
            store = opener.get();
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (store != null && owned) {
            store.close();
        }
        store = null;
    }
}
