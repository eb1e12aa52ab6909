package dev.belay.lab.play;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a play may read of a lab host's own files. Plays get argv and stdin only, but a few real
 * behaviours hang on a file a runbook wrote with a real shell command: clustercheck answers 503
 * while {@code /var/tmp/clustercheck.disabled} exists. The lab's SSH side attaches the host
 * sandboxes with {@link Cluster#attachHostFs}; until then no file exists.
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

    /** Files held in memory, for tests: {@code put(host, path, content)}. */
    final class InMemory implements HostFs {
        private final Map<String, String> files = new ConcurrentHashMap<>();

        public InMemory put(String host, String path, String content) {
            files.put(host + ":" + path, content);
            return this;
        }

        public InMemory remove(String host, String path) {
            files.remove(host + ":" + path);
            return this;
        }

        @Override
        public Optional<String> read(String host, String path) {
            return Optional.ofNullable(files.get(host + ":" + path));
        }

        @Override
        public List<String> list(String host, String dir) {
            String prefix = host + ":" + (dir.endsWith("/") ? dir : dir + "/");
            return files.keySet().stream().filter(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0)
                    .map(k -> k.substring(prefix.length())).sorted().toList();
        }
    }
}
