package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;

/** JediTermFX settings for Belay: no audible bell (AWT would beep on the operator's desk). */
public class TerminalSettings extends DefaultSettingsProvider {

    @Override
    public boolean audibleBell() {
        return false;
    }

    @Override
    public float getTerminalFontSize() {
        return 13;
    }
}
