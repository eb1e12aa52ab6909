package dev.belay.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * One version of a file on disk, for keeping what was read from it until it changes: its identity (the
 * inode where the file system has one, so a file replaced by a rename is another file), its size and
 * its modification time, from a single {@link Files#readAttributes} call. Shared by the caches of
 * parsed known_hosts files ({@code trust}) and of decrypted keys ({@code auth}).
 *
 * @param fileKey the file system's key for the file, or the path itself where the file system has none
 */
public record FileVersion(Object fileKey, long size, FileTime modified) {

    public FileVersion {
        Objects.requireNonNull(fileKey, "fileKey");
        Objects.requireNonNull(modified, "modified");
    }

    /** The version of {@code file} as it stands now. */
    public static FileVersion of(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileVersion(Objects.requireNonNullElse(a.fileKey(), file), a.size(), a.lastModifiedTime());
    }
}
