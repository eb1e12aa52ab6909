package dev.belay.ui.run;

import java.util.concurrent.CompletableFuture;
import javafx.scene.Node;

/**
 * The run view's handle on the live terminals (the terminal tabs of {@code dev.belay.ui.terminal}):
 * where they show, and how a {@code terminal:} step types its command into a host's tab.
 */
public interface TerminalTyping {

    /** The terminals' area in the run view. */
    Node node();

    /** Types {@code command} and Enter into {@code host}'s terminal (opening it if needed). */
    CompletableFuture<Void> typeInto(String host, String command);

    /** A step started: the open terminals' recordings mark the boundary ({@code "id: title"}). */
    default void stepStarted(String stepId, String title) {
    }

    /** True once a terminal is open: until then the run view shows only the terminals' bar. */
    default javafx.beans.value.ObservableBooleanValue opened() {
        return new javafx.beans.property.SimpleBooleanProperty(false);
    }

    /** Releases the terminals when the run view closes. */
    default void close() {
    }
}
