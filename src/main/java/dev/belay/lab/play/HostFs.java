package dev.belay.lab.play;

import java.util.List;
import java.util.Optional;

/**
 * What a play may read of a lab host's own files. Plays get argv and stdin only, but a few real
 * behaviours hang on a file a runbook wrote with a real shell command: clustercheck answers 503
 * while {@code /var/tmp/clustercheck.disabled} exists, {@code systemctl daemon-reload} reads the
 * units' drop-ins. The lab's SSH side attaches the host sandboxes with {@link Cluster#attachHostFs};
 * until then the cluster's own in-memory {@link HostFiles} answer.
 */
public interface HostFs {

    /** The content of {@code path} on {@code host}, if the file exists. */
    Optional<String> read(String host, String path);

    default boolean exists(String host, String path) {
        return read(host, path).isPresent();
    }

    /** The names of the files directly in directory {@code dir} on {@code host}, sorted; empty if none. */
    default List<String> list(String host, String dir) {
        return List.of();
    }

    /** No files at all. */
    HostFs NONE = (host, path) -> Optional.empty();
}
