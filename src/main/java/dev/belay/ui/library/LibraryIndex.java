package dev.belay.ui.library;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The files of a loaded library as entries, grouped for the sidebar. Immutable; built off the FX thread. */
public record LibraryIndex(List<LibraryEntry> entries) {

    public LibraryIndex {
        entries = List.copyOf(entries);
    }

    public static LibraryIndex of(RunbookLibrary library) {
        List<LibraryEntry> out = new ArrayList<>();
        for (Map.Entry<Path, LoadResult<Runbook>> e : library.results().entrySet()) {
            out.add(new LibraryEntry(e.getKey(), e.getValue().value(), e.getValue().problems()));
        }
        return new LibraryIndex(out);
    }

    /**
     * The entries matching {@code query}, by group: invalid files first (they need attention),
     * then the components in alphabetical order, each sorted by title. Empty groups are left out.
     */
    public Map<String, List<LibraryEntry>> grouped(String query) {
        Map<String, List<LibraryEntry>> byGroup = new TreeMap<>();
        for (LibraryEntry entry : entries) {
            if (entry.matches(query)) {
                byGroup.computeIfAbsent(entry.group(), g -> new ArrayList<>()).add(entry);
            }
        }
        Map<String, List<LibraryEntry>> out = new LinkedHashMap<>();
        List<LibraryEntry> invalid = byGroup.remove(LibraryEntry.INVALID_GROUP);
        if (invalid != null) {
            out.put(LibraryEntry.INVALID_GROUP, invalid);
        }
        out.putAll(byGroup);
        out.replaceAll((g, list) -> list.stream().sorted(Comparator.comparing(LibraryEntry::title)).toList());
        return out;
    }

    public long invalidCount() {
        return entries.stream().filter(e -> !e.valid()).count();
    }
}
