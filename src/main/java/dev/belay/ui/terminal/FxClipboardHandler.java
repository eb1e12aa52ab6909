package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.ui.TerminalCopyPasteHandler;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * Copy and paste through JavaFX's clipboard. JediTermFX's default goes through AWT's, which
 * fails in a headless toolkit and starts a second GUI toolkit otherwise. Called on the FX thread
 * (the copy and paste key bindings run there). The X11 primary selection is not emulated.
 */
final class FxClipboardHandler implements TerminalCopyPasteHandler {

    @Override
    public void setContents(String text, boolean useSystemSelectionClipboard) {
        if (useSystemSelectionClipboard) {
            return;
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    @Override
    public String getContents(boolean useSystemSelectionClipboard) {
        Clipboard clipboard = Clipboard.getSystemClipboard();
        return clipboard.hasString() ? clipboard.getString() : null;
    }
}
