package dev.belay.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the files the played cluster wants a host's real {@code cat} and {@code grep} to see
 * ({@code Cluster.hostFiles}) into the host's sandbox. Files under the host's own directories go into
 * its root; {@code /proc} files (the boot id, the kernel version) go under {@code .proc/} in its root
 * and are bound read-only over the sandbox's {@code /proc}. The {@code /proc} and release files follow
 * the cluster's state and are rewritten each time; the others are seeds, written once and then left to
 * the operator's edits.
 */
final class HostFileSync {

    static final String PROC = ".proc";

    private HostFileSync() {
    }

    static void write(LabHost host, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> e : files.entrySet()) {
            String path = e.getKey();
            boolean proc = path.startsWith("/proc/");
            boolean state = proc || path.endsWith("-release");
            Path target;
            if (proc) {
                target = host.root().resolve(PROC).resolve(path.substring("/proc/".length()));
            } else if (HostRoot.DIRS.stream().anyMatch(d -> path.startsWith("/" + d + "/"))) {
                target = host.root().resolve(path.substring(1));
            } else {
                continue; // outside what a host may write: the sandbox shows the machine's own
            }
            if (!target.normalize().startsWith(host.root()) || leavesRoot(host.root(), target)) {
                continue;
            }
            boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            if (present && !state) {
                continue;
            }
            if (Files.isSymbolicLink(target)) {
                Files.delete(target); // /etc/os-release links to the machine's /usr/lib: the host gets its own
            }
            byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (present && Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
        }
    }

    /**
     * Whether writing {@code target} would go through a symbolic link out of {@code root}: the
     * nearest existing directory on its way, links followed, is outside. A host root's
     * {@code /var/run} links to {@code /run}, which outside the sandbox is the machine's own, and a
     * trainee may plant links of their own; the lab's JVM runs outside the sandbox and must not
     * follow them.
     */
    static boolean leavesRoot(Path root, Path target) throws IOException {
        Path dir = target.getParent();
        while (dir != null && dir.startsWith(root) && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            dir = dir.getParent();
        }
        return dir == null || !dir.toRealPath().startsWith(root.toRealPath());
    }

    /** The {@code /proc} files of {@code host} to bind: pairs of (file in its root, path in /proc). */
    static List<String[]> procBinds(LabHost host) throws IOException {
        Path dir = host.root().resolve(PROC);
        List<String[]> binds = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return binds;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String inProc = "/proc/" + dir.relativize(f);
                if (Files.exists(Path.of(inProc))) {
                    binds.add(new String[] {f.toString(), inProc});
                }
            }
        }
        return binds;
    }
}
