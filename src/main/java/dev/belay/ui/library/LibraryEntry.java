package dev.belay.ui.library;

import dev.belay.runbook.Problem;
import dev.belay.runbook.Runbook;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One file of the library: a valid runbook, or the problems that kept it from loading
 * ({@code runbook} is null then).
 */
public record LibraryEntry(Path file, Runbook runbook, List<Problem> problems) {

    /** The group that invalid files are listed under, above the components. */
    public static final String INVALID_GROUP = "Needs fixing";

    public LibraryEntry {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return runbook != null;
    }

    public String id() {
        return valid() ? runbook.id() : fileStem();
    }

    public String title() {
        return valid() ? runbook.title() : file.getFileName().toString();
    }

    public String group() {
        if (!valid()) {
            return INVALID_GROUP;
        }
        return runbook.component() == null || runbook.component().isBlank() ? "other" : runbook.component();
    }

    public String summary() {
        return valid() && runbook.summary() != null ? runbook.summary().strip() : "";
    }

    /**
     * True when every word of {@code query} occurs (ignoring case) in the id, title, component or
     * summary. A blank query matches everything.
     */
    public boolean matches(String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String haystack = String.join("\n", id(), title(), group(), summary()).toLowerCase(Locale.ROOT);
        for (String word : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private String fileStem() {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
