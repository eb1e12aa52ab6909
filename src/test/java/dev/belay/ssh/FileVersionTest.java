package dev.belay.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What makes a file another version for the caches that keep what they read from it: on real files. */
class FileVersionTest {

    @TempDir
    Path dir;

    @Test
    void anUntouchedFileIsTheSameVersion() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), "a line\n");
        assertThat(FileVersion.of(file)).isEqualTo(FileVersion.of(file));
    }

    @Test
    void anAppendedLineIsAnotherVersionEvenWithinTheSameTimestamp() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), "a line\n");
        FileTime stamp = Files.getLastModifiedTime(file);
        FileVersion before = FileVersion.of(file);
        Files.writeString(file, "a line\nanother\n");
        Files.setLastModifiedTime(file, stamp);
        assertThat(FileVersion.of(file)).isNotEqualTo(before);
    }

    @Test
    void anotherTimeIsAnotherVersion() throws Exception {
        Path file = Files.writeString(dir.resolve("id_ed25519"), "key\n");
        FileVersion before = FileVersion.of(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.modified().toMillis() - 60_000));
        assertThat(FileVersion.of(file)).isNotEqualTo(before);
    }

    @Test
    void aFileReplacedByARenameIsAnotherVersionWithTheSameSizeAndTime() throws Exception {
        Path file = Files.writeString(dir.resolve("id_ed25519"), "key A\n");
        FileVersion before = FileVersion.of(file);
        Path other = Files.writeString(dir.resolve("id_ed25519.new"), "key B\n");
        Files.setLastModifiedTime(other, before.modified());
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        FileVersion after = FileVersion.of(file);
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(after.modified()).isEqualTo(before.modified());
        assertThat(after).as("another inode").isNotEqualTo(before);
    }
}
