package dev.belay.lab.play;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /**
     * {@link #at} and more: the nearest existing directory on the way resolves, symbolic links
     * followed, inside the host's root. A trainee owns the host root and may plant a link there
     * ({@code ln -s /home/trainer /var/lib/mysql}); the lab's JVM runs outside the sandbox, so
     * following it would read or write the trainer's own files.
     */
    private Path confined(String host, String path) throws IOException {
        Path p = at(host, path);
        Path root = rootOf.apply(host).toAbsolutePath().normalize();
        Path dir = p.getParent();
        while (dir != null && dir.startsWith(root) && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            dir = dir.getParent();
        }
        if (dir != null && dir.startsWith(root)) {
            Path realRoot = root.toRealPath();
            if (!dir.toRealPath().startsWith(realRoot)) {
                throw new IOException(path + " on " + host + " leads out of the host's root through a symbolic link");
            }
        }
        return p;
    }

    @Override
    public Optional<String> read(String host, String path) {
        Path p;
        try {
            p = confined(host, path);
            if (Files.isSymbolicLink(p) && !p.toRealPath().startsWith(rootOf.apply(host).toAbsolutePath().normalize().toRealPath())) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("lab: cannot read " + p, e);
        }
    }

    @Override
    public void write(String host, String path, String content) {
        try {
            Path p = confined(host, path);
            Files.createDirectories(p.getParent());
            confined(host, path);
            // A host root's /etc is copied from the machine's, links and all (/etc/os-release ->
            // ../usr/lib/os-release), and a trainee may plant links too: the played file replaces
            // the link, never writes through it.
            if (Files.isSymbolicLink(p)) {
                Files.delete(p);
            }
            Files.writeString(p, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException("lab: cannot write " + path + " on " + host, e);
        }
    }

    @Override
    public boolean exists(String host, String path) {
        return Files.exists(at(host, path));
    }

    @Override
    public java.util.List<String> list(String host, String dir) {
        Path d;
        try {
            confined(host, dir + "/x");
        } catch (IOException e) {
            return java.util.List.of();
        }
        d = at(host, dir);
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
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
        Path p;
        try {
            p = confined(host, path);
        } catch (IOException e) {
            throw new UncheckedIOException("lab: cannot delete " + path + " on " + host, e);
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
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
