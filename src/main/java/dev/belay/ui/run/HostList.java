package dev.belay.ui.run;

import dev.belay.engine.StepState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/**
 * A step's hosts when there are many: a virtualised list, so only the cards in sight are in the
 * scene graph. With 200 hosts streaming, 200 cards in a box cost the FX thread CSS and layout for
 * every card on every pulse; here a pulse touches the dozen or so visible ones, and a card is
 * reused for another host as the operator scrolls. Which cards the operator opened is kept per host.
 */
final class HostList {

    static final double HEIGHT = 520;

    private final ListView<String> list = new ListView<>();
    private final Set<String> expanded = new HashSet<>();
    private final List<HostCell> cells = new ArrayList<>();
    private StepState step;
    private Map<String, OutputTail> tails = Map.of();
    private Map<String, String> commands = Map.of();

    HostList() {
        list.setId("host-results");
        list.getStyleClass().add("host-list");
        list.setPrefHeight(HEIGHT);
        list.setCellFactory(lv -> new HostCell());
    }

    Node node() {
        return list;
    }

    /** Another step: no card is open. */
    void reset() {
        expanded.clear();
        list.getItems().clear();
    }

    /** Shows {@code hosts} of {@code step}; only the visible cards are drawn again. */
    void show(StepState step, Collection<String> hosts, Map<String, OutputTail> tails, Map<String, String> commands) {
        this.step = step;
        this.tails = tails;
        this.commands = commands;
        List<String> names = List.copyOf(hosts);
        javafx.collections.ObservableList<String> items = list.getItems();
        if (names.size() > items.size() && names.subList(0, items.size()).equals(items)) {
            // hosts join as they start: adding the newcomers keeps the cells in place, where setAll
            // would take every visible card out of the list and put it back (CSS and layout anew)
            items.addAll(names.subList(items.size(), names.size()));
        } else if (!items.equals(names)) {
            items.setAll(names);
        }
        for (HostCell c : cells) {
            c.refresh();
        }
    }

    /** A list cell that shows one host's card, and another's when scrolled. */
    private final class HostCell extends ListCell<String> {
        private final HostCard card = new HostCard("", false, false);

        HostCell() {
            cells.add(this);
            setText(null);
            // the card stays the cell's graphic for good, hidden while the cell is empty: taken out
            // and put back, its CSS would be worked out anew each time (the list empties and refills
            // a cell for every host whose height it measures)
            setGraphic(card.node());
            setPrefWidth(0); // the card takes the list's width and wraps, instead of widening the list
            card.expandedProperty().addListener((o, was, open) -> {
                String host = getItem();
                if (host != null && !isEmpty()) {
                    if (open) {
                        expanded.add(host);
                    } else {
                        expanded.remove(host);
                    }
                }
            });
        }

        @Override
        protected void updateItem(String host, boolean empty) {
            super.updateItem(host, empty);
            if (empty || host == null) {
                card.release();
                return;
            }
            card.rebind(host, expanded.contains(host));
            refresh();
        }

        void refresh() {
            String host = getItem();
            if (host == null || isEmpty()) {
                return;
            }
            card.show(step == null ? null : step.host(host).orElse(null), tails.get(host), commands.get(host));
        }
    }
}
