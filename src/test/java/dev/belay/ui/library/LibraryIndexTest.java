package dev.belay.ui.library;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.RunbookLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grouping, search and remembered folders, without a window. */
class LibraryIndexTest {

    private static final Path BROKEN = Path.of("src/test/resources/dev/belay/ui/library/broken-runbook.yaml");

    @Test
    void groupsByComponentWithBrokenFilesFirst(@TempDir Path dir) throws Exception {
        copy(dir, "galera-recovery.yaml", "ceph-upgrade.yaml", "practice-upgrade.yaml");
        Files.copy(BROKEN, dir.resolve("broken-runbook.yaml"));

        Map<String, List<LibraryEntry>> groups = LibraryIndex.of(RunbookLibrary.load(dir)).grouped("");

        assertThat(groups.keySet()).containsExactly(LibraryEntry.INVALID_GROUP, "ceph", "galera", "practice");
        LibraryEntry broken = groups.get(LibraryEntry.INVALID_GROUP).get(0);
        assertThat(broken.valid()).isFalse();
        assertThat(broken.id()).isEqualTo("broken-runbook");
        assertThat(broken.problems()).isNotEmpty();
    }

    @Test
    void searchMatchesEveryWordInIdTitleComponentOrSummary(@TempDir Path dir) throws Exception {
        copy(dir, "galera-recovery.yaml", "galera-cluster-upgrade.yaml", "host-os-upgrade.yaml");
        LibraryIndex index = LibraryIndex.of(RunbookLibrary.load(dir));

        assertThat(ids(index, "GALERA")).containsExactlyInAnyOrder("galera-recovery", "galera-cluster-upgrade");
        assertThat(ids(index, "kexec")).containsExactly("host-os-upgrade");           // summary only
        assertThat(ids(index, "galera recovery")).containsExactly("galera-recovery");  // every word
        assertThat(ids(index, "host-os")).containsExactly("host-os-upgrade");          // component and id
        assertThat(ids(index, "no-such-thing")).isEmpty();
    }

    @Test
    void addedFoldersAreRememberedAfterTheDefault(@TempDir Path dir) throws Exception {
        Preferences prefs = Preferences.userRoot().node("/dev/belay/test/folders-" + System.nanoTime());
        try {
            LibraryFolders folders = new LibraryFolders(prefs, dir.resolve("default"));
            assertThat(folders.add(dir.resolve("extra"))).isTrue();
            assertThat(folders.add(dir.resolve("extra/../extra"))).isFalse();

            LibraryFolders again = new LibraryFolders(prefs, dir.resolve("default"));
            assertThat(again.all()).containsExactly(dir.resolve("default"), dir.resolve("extra"));
            again.remove(dir.resolve("extra"));
            assertThat(new LibraryFolders(prefs, dir.resolve("default")).all()).containsExactly(dir.resolve("default"));
        } finally {
            prefs.removeNode();
        }
    }

    private static List<String> ids(LibraryIndex index, String query) {
        return index.grouped(query).values().stream().flatMap(List::stream).map(LibraryEntry::id).toList();
    }

    static void copy(Path dir, String... names) throws Exception {
        for (String name : names) {
            Files.copy(Path.of("runbooks", name), dir.resolve(name));
        }
    }
}
