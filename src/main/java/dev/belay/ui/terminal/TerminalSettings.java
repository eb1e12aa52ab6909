package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.ui.FxFontMetrics;
import com.techsenger.jeditermfx.ui.settings.DefaultSettingsProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.scene.text.Font;

/**
 * JediTermFX settings for Belay: light text on a dark ground, no audible bell (AWT would beep), and
 * a font whose advance is a whole number of pixels ({@link #gridFont}).
 */
public class TerminalSettings extends DefaultSettingsProvider {

    /** The font size asked for; the font drawn is within a few percent of it ({@link #gridFont}). */
    static final float NOMINAL_FONT_SIZE = 13;
    private static final Map<String, Font> GRID_FONTS = new ConcurrentHashMap<>();

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
        return NOMINAL_FONT_SIZE;
    }

    /** The platform's monospaced font (JediTermFX's choice) at the size nearest 13 that keeps glyphs on whole pixels. */
    @Override
    public Font getTerminalFont() {
        return gridFont(super.getTerminalFont());
    }

    /**
     * {@code nominal}'s family at the size whose advance is the whole number of pixels nearest to
     * {@code nominal}'s. JediTermFX sets its cells {@code round(advance)} pixels wide and so draws each
     * character alone at its cell; with a whole advance a run drawn at once puts every glyph on its
     * cell too ({@link FloodPainter}). DejaVu Sans Mono at 13 px advances 7.83 px: at 13.29 px, 8.
     * Where no such size is found (a font whose advance does not scale linearly), {@code nominal} as is.
     */
    static Font gridFont(Font nominal) {
        return GRID_FONTS.computeIfAbsent(nominal.getFamily() + "@" + nominal.getSize(), key -> {
            double advance = FxFontMetrics.create(nominal, "W").getWidth();
            long cell = Math.round(advance);
            if (cell <= 0 || advance == cell) {
                return nominal;
            }
            Font sized = Font.font(nominal.getFamily(), nominal.getSize() * cell / advance);
            double sizedAdvance = FxFontMetrics.create(sized, "W").getWidth();
            return Math.abs(sizedAdvance - cell) < 1e-3 ? sized : nominal;
        });
    }
}
