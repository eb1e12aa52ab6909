package dev.belay.ui.run;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the run window shows, as read-only properties the view binds to; only the
 * {@link RunPresenter} writes them (on the FX thread), through {@link RunPresenter.Display}.
 */
final class RunViewModel implements RunPresenter.Display {

    private final ReadOnlyObjectWrapper<RunScreen> screen = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    ReadOnlyObjectProperty<RunScreen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    @Override
    public void show(RunScreen s) {
        screen.set(s);
    }

    @Override
    public void error(String message) {
        error.set(message == null ? "" : message);
    }
}
