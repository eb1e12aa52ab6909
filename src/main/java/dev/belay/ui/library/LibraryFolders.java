package dev.belay.ui.library;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.prefs.Preferences;

/**
 * The folders the library shows: the project's {@code runbooks/} folder plus the ones the user
 * added, remembered across launches in {@link Preferences}.
 */
public final class LibraryFolders {

    private static final String KEY = "folders";

    private final Preferences prefs;
    private final Path defaultFolder;

    public LibraryFolders(Preferences prefs, Path defaultFolder) {
        this.prefs = prefs;
        this.defaultFolder = defaultFolder.toAbsolutePath().normalize();
    }

    /** The user's remembered folders, with {@code ./runbooks} of the working directory as the default. */
    public static LibraryFolders forUser() {
        return new LibraryFolders(Preferences.userNodeForPackage(LibraryFolders.class), Path.of("runbooks"));
    }

    /** The default folder first, then the added ones in the order they were added. */
    public List<Path> all() {
        Set<Path> out = new LinkedHashSet<>();
        out.add(defaultFolder);
        out.addAll(added());
        return List.copyOf(out);
    }

    /** Remembers {@code folder}; false when it was already in the library. */
    public boolean add(Path folder) {
        Path normalized = folder.toAbsolutePath().normalize();
        if (all().contains(normalized)) {
            return false;
        }
        List<Path> added = new ArrayList<>(added());
        added.add(normalized);
        store(added);
        return true;
    }

    public void remove(Path folder) {
        List<Path> added = new ArrayList<>(added());
        added.remove(folder.toAbsolutePath().normalize());
        store(added);
    }

    private List<Path> added() {
        String saved = prefs.get(KEY, "");
        return saved.isBlank() ? List.of() : saved.lines().filter(l -> !l.isBlank()).map(Path::of).toList();
    }

    // One path per line: ':' and ';' are legal in file names, a line break practically never is.
    private void store(List<Path> folders) {
        prefs.put(KEY, String.join("\n", folders.stream().map(Path::toString).toList()));
    }
}
