package dev.belay.ui.fx;

import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/**
 * A pane whose content's layout requests stop at it: the content is laid out again within the
 * pane's bounds at the next pulse, and the panes around it are not. For content that changes often
 * but keeps its size (a list with a fixed preferred size taking lines): otherwise every change
 * makes the whole window lay out again, working out the size of every wrapped label in it anew.
 * JavaFX's own {@code VirtualFlow} stops its cells' requests the same way.
 */
public final class LayoutBoundary extends StackPane {

    public LayoutBoundary(Node content) {
        super(content);
    }

    /** Marks this pane for the next layout pass without asking its parents to lay out again. */
    @Override
    public void requestLayout() {
        setNeedsLayout(true);
    }
}
