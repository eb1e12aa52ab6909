package dev.belay.ui.library;

import dev.belay.runbook.RunbookLibrary;
import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;

/** Reads and validates every runbook of the folders on a background thread. */
final class LibraryLoadTask extends Task<LibraryIndex> {

    private final List<Path> folders;

    LibraryLoadTask(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    @Override
    protected LibraryIndex call() {
        return LibraryIndex.of(RunbookLibrary.load(folders, List.of()));
    }
}
