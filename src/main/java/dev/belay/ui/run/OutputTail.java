package dev.belay.ui.run;

/**
 * The last part of one host's output, as the UI keeps it: a whole command's output can be large
 * (the audit log keeps it), the screen needs only its tail.
 */
final class OutputTail {

    static final int MAX_CHARS = 16_000;

    private final StringBuilder text = new StringBuilder();
    private boolean cut;
    private long version;

    void append(String line) {
        text.append(line).append('\n');
        trim();
    }

    /** Replaces what streamed with the command's recorded output (complete, in order). */
    void replace(String output) {
        text.setLength(0);
        text.append(output == null ? "" : output);
        cut = false;
        trim();
    }

    private void trim() {
        version++;
        if (text.length() > MAX_CHARS) {
            int from = text.length() - MAX_CHARS;
            int nl = text.indexOf("\n", from);
            text.delete(0, nl >= 0 && nl < text.length() - 1 ? nl + 1 : from);
            cut = true;
        }
    }

    long version() {
        return version;
    }

    int length() {
        return text.length();
    }

    String text() {
        return cut ? "… (earlier output in the audit log)\n" + text : text.toString();
    }
}
