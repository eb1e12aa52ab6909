package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.model.StyleState;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.JediTermFxWidget;
import com.techsenger.jeditermfx.ui.TerminalCopyPasteHandler;
import com.techsenger.jeditermfx.ui.TerminalPanel;
import com.techsenger.jeditermfx.ui.settings.SettingsProvider;

/** JediTermFX's widget with Belay's settings and copy/paste through the JavaFX clipboard. */
public class BelayTerminalWidget extends JediTermFxWidget {

    public BelayTerminalWidget(int cols, int rows) {
        super(cols, rows, new TerminalSettings());
    }

    @Override
    protected TerminalPanel createTerminalPanel(SettingsProvider settings, StyleState style, TerminalTextBuffer buffer) {
        return new TerminalPanel(settings, buffer, style) {
            @Override
            protected TerminalCopyPasteHandler createCopyPasteHandler() {
                return new FxClipboardHandler();
            }
        };
    }
}
