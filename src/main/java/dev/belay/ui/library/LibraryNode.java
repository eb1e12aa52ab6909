package dev.belay.ui.library;

/** A row of the library tree: a group heading or one file. */
sealed interface LibraryNode {

    record Group(String name, int count) implements LibraryNode {
    }

    record Item(LibraryEntry entry) implements LibraryNode {
    }
}
