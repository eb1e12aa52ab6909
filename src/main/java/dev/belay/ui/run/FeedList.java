package dev.belay.ui.run;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;

/**
 * The always-visible feed of the audit log's events: the last {@link #MAX} lines, newest at the
 * bottom, each one line high (a longer line ends in an ellipsis and shows whole in its tooltip; the
 * audit log and History keep it whole). Lines of one height let the list skip measuring them: a
 * list of wrapped lines measured its lines again at every change (with 200 hosts, ten times a
 * second while they finish), on the FX thread. The height is the stylesheet's
 * {@code -fx-fixed-cell-size} (run.css).
 */
final class FeedList {

    static final int MAX = 1000;

    private final ListView<String> list = new ListView<>();
    private final List<String> pending = new ArrayList<>();

    FeedList() {
        list.setId("event-feed");
        list.setPrefHeight(120);
        list.getStyleClass().add("event-feed");
        list.setCellFactory(lv -> new LineCell());
    }

    Node node() {
        return list;
    }

    /** Keeps {@code lines} for the next {@link #flush}. */
    void add(List<String> lines) {
        pending.addAll(lines);
    }

    /**
     * Shows the lines added since the last flush, dropping the oldest beyond {@link #MAX}, and
     * scrolls to the newest. Called with the view's refresh (at most every {@link RunView#REFRESH_MS}),
     * not with every batch of events: each change makes the list lay out its cells again.
     */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        javafx.collections.ObservableList<String> items = list.getItems();
        int over = items.size() + pending.size() - MAX;
        if (over > 0) {
            items.remove(0, Math.min(over, items.size()));
        }
        items.addAll(pending.subList(Math.max(0, pending.size() - MAX), pending.size()));
        pending.clear();
        list.scrollTo(items.size() - 1);
    }

    /** One line, cut with an ellipsis at the list's width; the whole line in the tooltip. */
    private static final class LineCell extends ListCell<String> {
        private final Tooltip whole = new Tooltip();

        LineCell() {
            setWrapText(false);
            setTextOverrun(OverrunStyle.ELLIPSIS);
            setPrefWidth(0); // the list's width, never wider: no horizontal scroll bar
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setTooltip(null);
            } else {
                setText(item);
                whole.setText(item);
                setTooltip(whole);
            }
        }
    }
}
