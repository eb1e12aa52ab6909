package dev.belay.ui.history;

import dev.belay.audit.AuditStore;
import java.util.function.Supplier;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The History page of the main window: a tab whose view is built, and whose audit store is
 * opened, only when it is first shown (so the library starts without touching the database).
 */
public final class HistoryPage {

    public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN);

    private final Supplier<AuditStore> store;
    private final boolean owned;
    private final Tab tab = new Tab("History");
    private HistoryView view;
    private java.util.function.Consumer<dev.belay.audit.RunSummary> onResume;

    public HistoryPage(Supplier<AuditStore> store) {
        this(store, true);
    }

    /** {@code owned}: whether closing the page closes the store (false when the run service shares it). */
    public HistoryPage(Supplier<AuditStore> store, boolean owned) {
        this.store = store;
        this.owned = owned;
        tab.setId("history-tab");
        tab.setClosable(false);
        tab.setGraphic(new FontIcon(Feather.CLOCK));
        tab.setTooltip(new javafx.scene.control.Tooltip("Past runs, replays and the audit check (Ctrl+H)"));
        tab.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                view();
            }
        });
    }

    public Tab tab() {
        return tab;
    }

    /** The history view, built on first call. */
    public HistoryView view() {
        if (view == null) {
            view = owned ? new HistoryView(store) : HistoryView.borrowing(store);
            view.setOnResume(onResume);
            tab.setContent(view.node());
        }
        return view;
    }

    /** Offers Resume… on unfinished runs, doing {@code action} (see {@link HistoryView#setOnResume}). */
    public void setOnResume(java.util.function.Consumer<dev.belay.audit.RunSummary> action) {
        this.onResume = action;
        if (view != null) {
            view.setOnResume(action);
        }
    }

    /** Closes the audit store if the page opened it. */
    public void close() {
        if (view != null) {
            view.close();
        }
    }
}
