package dev.belay.lab;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A lab host's private root on the trainer's disk: the directories its sandbox sees writable as
 * {@code /etc}, {@code /var}, {@code /root}, {@code /home}, {@code /tmp} and {@code /opt}. A fresh
 * root gets a copy of the machine's {@code /etc} (only what any user may read: no shadow file, no
 * private keys) with the host's own name, so a shell, {@code awk} (via /etc/alternatives) and name
 * lookups work, and writes to /etc land in the host's copy.
 */
final class HostRoot {

    /** The writable directories of every host, in the order the sandbox binds them. */
    static final List<String> DIRS = List.of("etc", "var", "root", "home", "tmp", "opt");
    /** Marks a root whose seeding finished, so a start interrupted half-way seeds again. */
    private static final String SEEDED = ".belay-seeded";

    private HostRoot() {
    }

    /** Creates and seeds {@code host}'s root if it is not ready yet; an existing one is kept as it is. */
    static void prepare(LabHost host, Path systemEtc) throws IOException {
        Path root = host.root();
        if (Files.exists(root.resolve(SEEDED))) {
            return;
        }
        for (String d : DIRS) {
            Files.createDirectories(root.resolve(d));
        }
        copyReadable(systemEtc, root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), host.name() + "\n");
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\t" + host.name() + "\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\n");
        Path varRun = root.resolve("var/run");
        if (!Files.exists(varRun, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(varRun, Path.of("/run"));
        }
        for (String d : List.of("var/tmp", "var/log", "var/lib")) {
            Files.createDirectories(root.resolve(d));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(root.resolve(SEEDED), "");
    }

    /** Deletes {@code host}'s root: the next {@link #prepare} makes a fresh one. */
    static void wipe(LabHost host) throws IOException {
        deleteTree(host.root());
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }

    /** Bytes {@code dir} takes, counted in whole 4 KiB pages as tmpfs counts them. */
    static long pagesUsed(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += (attrs.size() + 4095) / 4096 * 4096;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }

    /**
     * Copies the tree {@code from} into {@code to}: directories, symbolic links as links, and regular
     * files that every user may read. Files readable only by their owner (shadow, private keys)
     * stay behind: a lab host must never hold the trainer's machine's secrets.
     */
    private static void copyReadable(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!worldReadable(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile() && worldReadable(file)) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE; // unreadable: not the lab's to copy
            }
        });
    }

    private static boolean worldReadable(Path p) {
        try {
            return Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
