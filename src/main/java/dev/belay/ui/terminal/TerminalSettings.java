package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;

/** JediTermFX settings for Belay: light text on a dark ground, no audible bell (AWT would beep). */
public class TerminalSettings extends DefaultSettingsProvider {

    private static final TerminalColor FOREGROUND = TerminalColor.rgb(0xd0, 0xd7, 0xde);
    private static final TerminalColor BACKGROUND = TerminalColor.rgb(0x16, 0x1b, 0x22);

    @Override
    public TerminalColor getDefaultForeground() {
        return FOREGROUND;
    }

    @Override
    public TerminalColor getDefaultBackground() {
        return BACKGROUND;
    }

    @Override
    public TextStyle getDefaultStyle() {
        return new TextStyle(FOREGROUND, BACKGROUND);
    }

    @Override
    public boolean audibleBell() {
        return false;
    }

    /** No limit in JediTermFX itself: {@link ScrollbackLimit} keeps the scrollback, far cheaper per line. */
    @Override
    public int getBufferMaxLinesCount() {
        return -1;
    }

    @Override
    public float getTerminalFontSize() {
        return 13;
    }
}
