package dev.belay.ui.terminal;

import com.techsenger.jeditermfx.core.Color;
import com.techsenger.jeditermfx.core.HyperlinkStyle;
import com.techsenger.jeditermfx.core.StyledTextConsumer;
import com.techsenger.jeditermfx.core.TerminalColor;
import com.techsenger.jeditermfx.core.TextStyle;
import com.techsenger.jeditermfx.core.model.CharBuffer;
import com.techsenger.jeditermfx.core.model.TerminalTextBuffer;
import com.techsenger.jeditermfx.ui.FxFontMetrics;
import com.techsenger.jeditermfx.ui.FxTransformers;
import com.techsenger.jeditermfx.ui.settings.SettingsProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Dimension2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;

/**
 * Belay's own painter for the frames jump scroll draws under a flood of output. JediTermFX's painter
 * draws every character with its own clip and {@code fillText} (its {@code drawChars}, to keep each
 * glyph on its cell whatever the font), so a 120-column screen of base64 was some 3,500 text calls a
 * frame: on the FX thread as many saves, clips and restores, on the render thread as many text
 * layouts (with Bidi analysis) in {@code NGCanvas}. This painter draws what that one draws for a
 * screen of plain text, with one {@code fillText} per run of a style: the terminal's font is sized
 * so its advance is a whole number of pixels ({@link TerminalSettings#gridFont}), so a run's glyphs
 * land on the same cells as the library's one-by-one glyphs.
 *
 * <p>It draws only what it can draw as the library does: printable ASCII in the normal font with
 * colours, inverse and dim. Anything else on the screen (other characters, wide ones, bold, italic,
 * underline, blinking, hyperlinks) and it answers {@code false} before drawing anything, and the
 * library paints that frame. It draws no cursor: a flood's frames are gone within a quarter of a
 * second, and the screen a flood leaves is drawn by the library, cursor included.
 */
final class FloodPainter {

    /** The library's left inset of the text ({@code TerminalPanel.getInsetX}). */
    static final int INSET_X = 4;
    private static final Set<TextStyle.Option> DRAWN_OPTIONS = EnumSet.of(TextStyle.Option.INVERSE, TextStyle.Option.DIM);

    private final Canvas canvas;
    private final TerminalTextBuffer buffer;
    private final SettingsProvider settings;
    private Metrics metrics;
    private long frames;

    FloodPainter(Canvas canvas, TerminalTextBuffer buffer, SettingsProvider settings) {
        this.canvas = canvas;
        this.buffer = buffer;
        this.settings = settings;
    }

    /** The font, baseline and whether runs may be drawn whole, measured as the library measures them. */
    private record Metrics(Font font, double descent, int spaceBetweenLines, boolean onGrid) {

        static Metrics of(SettingsProvider settings, Dimension2D cell) {
            Font font = settings.getTerminalFont();
            FxFontMetrics w = FxFontMetrics.create(font, "W");
            double advance = w.getWidth();
            int spaceBetweenLines = Math.max(0, (int) Math.round(((cell.getHeight() - w.getHeight()) / 2) * 2));
            double descent = FxFontMetrics.create(font, "qpjg").getDescent();
            // the library's cells and backgrounds as drawn here: one line spacing, backgrounds over it
            boolean onGrid = Math.abs(advance - cell.getWidth()) < 1e-3 && settings.getLineSpacing() == 1.0f
                    && settings.shouldFillCharacterBackgroundIncludingLineSpacing();
            return new Metrics(font, descent, spaceBetweenLines, onGrid);
        }
    }

    /** One step of a frame, recorded under the text buffer's lock and drawn after it. */
    private sealed interface Op permits Fill, Text {
    }

    private record Fill(double x, double y, double width, double height, javafx.scene.paint.Color color) implements Op {
    }

    private record Text(String text, double x, double baseline, javafx.scene.paint.Color color) implements Op {
    }

    /**
     * Draws the screen at scroll origin 0 (the view follows the output) on the FX thread, or answers
     * {@code false} having drawn nothing where the library must draw this frame.
     *
     * @param cell the library's cell size ({@code TerminalPanel.myCharSize})
     */
    boolean paint(Dimension2D cell, int rows) {
        if (metrics == null) {
            metrics = Metrics.of(settings, cell);
        }
        if (!metrics.onGrid()) {
            return false;
        }
        List<Op> ops = new ArrayList<>(rows * 2);
        Recorder recorder = new Recorder(cell, ops);
        buffer.lock();
        try {
            buffer.processHistoryAndScreenLines(0, rows, recorder);
        } finally {
            buffer.unlock();
        }
        if (recorder.refused) {
            return false;
        }
        draw(ops);
        frames++;
        return true;
    }

    /** Frames this painter drew. */
    long frames() {
        return frames;
    }

    private void draw(List<Op> ops) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(windowBackground());
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setFont(metrics.font());
        javafx.scene.paint.Color fill = null;
        for (Op op : ops) {
            javafx.scene.paint.Color color = op instanceof Fill f ? f.color() : ((Text) op).color();
            if (color != fill) {
                g.setFill(color);
                fill = color;
            }
            if (op instanceof Fill f) {
                g.fillRect(f.x(), f.y(), f.width(), f.height());
            } else if (op instanceof Text t) {
                g.fillText(t.text(), t.x(), t.baseline());
            }
        }
    }

    private javafx.scene.paint.Color windowBackground() {
        return FxTransformers.toFxColor(background(null));
    }

    /** Walks the screen's runs as the library's painter does, recording what it would draw. */
    private final class Recorder implements StyledTextConsumer {

        private final Dimension2D cell;
        private final List<Op> ops;
        private final double canvasWidth = canvas.getWidth();
        private final double canvasHeight = canvas.getHeight();
        private final javafx.scene.paint.Color windowBackground = windowBackground();
        private final Map<TextStyle, javafx.scene.paint.Color[]> colors = new IdentityHashMap<>();
        boolean refused;

        Recorder(Dimension2D cell, List<Op> ops) {
            this.cell = cell;
            this.ops = ops;
        }

        @Override
        public void consume(int x, int y, TextStyle style, CharBuffer characters, int startRow) {
            if (refused) {
                return;
            }
            char[] buf = characters.getBuf();
            int start = characters.getStart();
            int end = start + characters.length();
            for (int i = start; i < end; i++) {
                char c = buf[i];
                if (c < 0x20 || c >= 0x7f) {
                    refused = true; // not plain ASCII: the library's painter knows its widths and fonts
                    return;
                }
            }
            javafx.scene.paint.Color[] fgBg = colorsOf(style);
            if (fgBg == null || !cellRect(x, y - startRow, characters.length(), fgBg[1])) {
                return;
            }
            int from = start;
            while (from < end && buf[from] == ' ') {
                from++;
            }
            int to = end;
            while (to > from && buf[to - 1] == ' ') {
                to--;
            }
            if (from == to) {
                return;
            }
            double left = Math.round((x + from - start) * cell.getWidth() + INSET_X);
            double baseline = Math.round((y - startRow + 1) * cell.getHeight() - metrics.spaceBetweenLines() / 2 - metrics.descent());
            ops.add(new Text(new String(buf, from, to - from), left, baseline, fgBg[0]));
        }

        @Override
        public void consumeNul(int x, int y, int nulIndex, TextStyle style, CharBuffer characters, int startRow) {
            if (refused) {
                return;
            }
            javafx.scene.paint.Color[] fgBg = colorsOf(style);
            if (fgBg != null) {
                cellRect(x, y - startRow, characters.length(), fgBg[1]);
            }
        }

        @Override
        public void consumeQueue(int x, int y, int nulIndex, int startRow) {
            // the rest of the row in the window's background: already filled
        }

        /**
         * The run's background where it differs from the window's, clipped to the canvas as the library
         * clips it; {@code false} where the run lies outside the canvas (the library draws nothing of it).
         */
        private boolean cellRect(int x, int row, int length, javafx.scene.paint.Color background) {
            double left = x * cell.getWidth() + INSET_X;
            double top = row * cell.getHeight();
            if (left < 0 || left > canvasWidth || top < 0 || top > canvasHeight) {
                return false;
            }
            if (!background.equals(windowBackground)) {
                double height = Math.min(cell.getHeight(), canvasHeight - top);
                double width = Math.min(length * cell.getWidth(), canvasWidth - left);
                ops.add(new Fill(left, top, width, height, background));
            }
            return true;
        }

        /** {foreground, background} as the library's painter colours a run, or null (refused) for styles it does not draw. */
        private javafx.scene.paint.Color[] colorsOf(TextStyle style) {
            javafx.scene.paint.Color[] known = colors.get(style);
            if (known != null) {
                return known;
            }
            if (style instanceof HyperlinkStyle || !drawable(style)) {
                refused = true;
                return null;
            }
            boolean inverse = style.hasOption(TextStyle.Option.INVERSE);
            javafx.scene.paint.Color fg = FxTransformers.toFxColor(inverse ? background(style.getBackground()) : foreground(style.getForeground()));
            javafx.scene.paint.Color bg = FxTransformers.toFxColor(inverse ? foreground(style.getForeground()) : background(style.getBackground()));
            if (style.hasOption(TextStyle.Option.DIM)) {
                fg = new javafx.scene.paint.Color((fg.getRed() + bg.getRed()) / 2, (fg.getGreen() + bg.getGreen()) / 2,
                        (fg.getBlue() + bg.getBlue()) / 2, fg.getOpacity());
            }
            javafx.scene.paint.Color[] fgBg = {fg, bg};
            colors.put(style, fgBg);
            return fgBg;
        }
    }

    private static boolean drawable(TextStyle style) {
        for (TextStyle.Option option : TextStyle.Option.values()) {
            if (style.hasOption(option) && !DRAWN_OPTIONS.contains(option)) {
                return false;
            }
        }
        return true;
    }

    private Color foreground(TerminalColor color) {
        TerminalColor c = color != null ? color : settings.getDefaultForeground();
        return c.isIndexed() ? settings.getTerminalColorPalette().getForeground(c) : c.toColor();
    }

    private Color background(TerminalColor color) {
        TerminalColor c = color != null ? color : settings.getDefaultBackground();
        return c.isIndexed() ? settings.getTerminalColorPalette().getBackground(c) : c.toColor();
    }
}
