package dev.belay.lab.play;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Host files under each host's private root directory (the sandbox's writable root): host path
 * {@code /var/lib/mysql/grastate.dat} of lab-2 is {@code rootOf("lab-2")/var/lib/mysql/grastate.dat}.
 */
public final class DirectoryHostFiles implements HostFiles {

    private final Function<String, Path> rootOf;

    public DirectoryHostFiles(Function<String, Path> rootOf) {
        this.rootOf = rootOf;
    }

    private Path at(String host, String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("host file paths are absolute, got " + path);
        }
        Path root = rootOf.apply(host).toAbsolutePath().normalize();
        Path p = root.resolve(path.substring(1)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(path + " leaves the root of " + host);
        }
        return p;
    }

    @Override
    public Optional<String> read(String host, String path) {
        Path p = at(host, path);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("lab: cannot read " + p, e);
        }
    }

    @Override
    public void write(String host, String path, String content) {
        Path p = at(host, path);
        try {
            Files.createDirectories(p.getParent());
            // A host root's /etc is copied from the machine's, links and all (/etc/os-release ->
            // ../usr/lib/os-release, /etc/localtime -> /usr/share/zoneinfo/...). Writing through such a
            // link would fail, or change the machine's own file: the played file replaces the link.
            if (Files.isSymbolicLink(p)) {
                Files.delete(p);
            }
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("lab: cannot write " + p, e);
        }
    }

    @Override
    public boolean exists(String host, String path) {
        return Files.exists(at(host, path));
    }

    @Override
    public java.util.List<String> list(String host, String dir) {
        Path d = at(host, dir);
        if (!Files.isDirectory(d)) {
            return java.util.List.of();
        }
        try (Stream<Path> entries = Files.list(d)) {
            return entries.filter(Files::isRegularFile).map(e -> e.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("lab: cannot list " + d, e);
        }
    }

    @Override
    public void delete(String host, String path) {
        Path p = at(host, path);
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("lab: cannot delete " + p, e);
        }
    }
}
