package dev.belay.lab.play;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Host files held in memory: for tests and for a cluster that has no sandbox behind it. */
public final class MemoryHostFiles implements HostFiles {

    private final Map<String, String> files = new ConcurrentHashMap<>();

    private static String key(String host, String path) {
        return host + "\0" + normal(path);
    }

    private static String normal(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Override
    public Optional<String> read(String host, String path) {
        return Optional.ofNullable(files.get(key(host, path)));
    }

    @Override
    public void write(String host, String path, String content) {
        files.put(key(host, path), content);
    }

    @Override
    public boolean exists(String host, String path) {
        String k = key(host, path);
        return files.containsKey(k) || files.keySet().stream().anyMatch(f -> f.startsWith(k + "/"));
    }

    @Override
    public java.util.List<String> list(String host, String dir) {
        String prefix = key(host, dir) + "/";
        return files.keySet().stream().filter(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0)
                .map(k -> k.substring(prefix.length())).sorted().toList();
    }

    @Override
    public void delete(String host, String path) {
        String k = key(host, path);
        files.keySet().removeIf(f -> f.equals(k) || f.startsWith(k + "/"));
    }
}
