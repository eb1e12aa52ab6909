package dev.belay.ui.run;

/**
 * The last part of one host's output, as the UI keeps it: a whole command's output can be large
 * (the audit log keeps it), the screen needs only its tail. Filled on the engine's listener thread
 * and read on the FX thread ({@link HostOutputs}), so each method holds the tail's lock (briefly).
 */
final class OutputTail {

    static final int MAX_CHARS = 16_000;

    private final StringBuilder text = new StringBuilder();
    private boolean cut;
    private long version;

    synchronized void append(String line) {
        text.append(line).append('\n');
        trim();
    }

    /** Replaces what streamed with the command's recorded output (complete, in order). */
    synchronized void replace(String output) {
        text.setLength(0);
        text.append(output == null ? "" : output);
        cut = false;
        trim();
    }

    // Cutting only once the text is twice the cap keeps appends cheap (amortised), 20 000 lines a second included.
    private void trim() {
        version++;
        if (text.length() > 2 * MAX_CHARS) {
            int from = text.length() - MAX_CHARS;
            int nl = text.indexOf("\n", from);
            text.delete(0, nl >= 0 && nl < text.length() - 1 ? nl + 1 : from);
            cut = true;
        }
    }

    /** The last non-empty line, for a collapsed host card. */
    synchronized String lastLine() {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        int start = text.lastIndexOf("\n", end - 1) + 1;
        return text.substring(start, end);
    }

    synchronized long version() {
        return version;
    }

    synchronized int length() {
        return Math.min(text.length(), MAX_CHARS);
    }

    /** At most {@link #MAX_CHARS} characters, from a line start, marked when earlier output was cut. */
    synchronized String text() {
        boolean over = text.length() > MAX_CHARS;
        if (!cut && !over) {
            return text.toString();
        }
        int from = over ? text.length() - MAX_CHARS : 0;
        int nl = over ? text.indexOf("\n", from) : -1;
        int start = nl >= 0 && nl < text.length() - 1 ? nl + 1 : from;
        return "… (earlier output in the audit log)\n" + text.substring(start);
    }
}
