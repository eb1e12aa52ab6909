package dev.belay.ui.run;

import dev.belay.audit.AuditStore;
import java.nio.file.Path;
import java.util.prefs.Preferences;

/**
 * Where the run screens keep things: the audit log, remembered answers (operator name), the practice
 * lab, imported inventories and known hosts. Tests point every one of them into a temp dir so the
 * user's {@code ~/.belay} is never touched.
 */
public record RunSettings(String auditUrl, Preferences prefs, Path dataDir, Path userKnownHosts,
                          Path belayKnownHosts) {

    /** The user's own: {@code ~/.belay} (or {@code $BELAY_AUDIT_DB}) and this package's preferences node. */
    public static RunSettings forUser() {
        Path home = Path.of(System.getProperty("user.home"));
        String env = System.getenv("BELAY_AUDIT_DB");
        String url = env != null && !env.isBlank() ? env : AuditStore.defaultUrl();
        return new RunSettings(url, Preferences.userNodeForPackage(RunSettings.class), home.resolve(".belay"),
                home.resolve(".ssh").resolve("known_hosts"), home.resolve(".belay").resolve("known_hosts"));
    }

    /** Everything under {@code dir}, with an H2 audit file there and the given preferences node. */
    public static RunSettings under(Path dir, Preferences prefs) {
        return new RunSettings(AuditStore.h2Url(dir.resolve("audit")), prefs, dir,
                dir.resolve("user_known_hosts"), dir.resolve("known_hosts"));
    }

    /** The practice lab's directory. */
    public Path labDir() {
        return dataDir.resolve("lab");
    }

    /** Where imported Ansible inventories are written in Belay's format (so a run can resume from the file). */
    public Path inventoriesDir() {
        return dataDir.resolve("inventories");
    }
}
