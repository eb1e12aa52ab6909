package dev.belay.audit;

import java.util.regex.Pattern;

/**
 * Recognises a password prompt at the end of recent terminal output ("Password:",
 * "[sudo] password for alice:", "Enter passphrase for key ...:"), so what is typed next is masked.
 */
final class PromptDetector {

    private static final Pattern PROMPT = Pattern.compile(
            "(?i)(password|passphrase|passcode|pass phrase)[^\\n]{0,120}[:?]\\s*\\z");
    private static final int KEEP = 256;

    private final StringBuilder recent = new StringBuilder();

    void output(String text) {
        if (text.length() >= KEEP) {
            recent.setLength(0); // a flood's megabyte is not copied in to keep its end
            recent.append(text, text.length() - KEEP, text.length());
            return;
        }
        recent.append(text);
        if (recent.length() > KEEP) {
            recent.delete(0, recent.length() - KEEP);
        }
    }

    boolean active() {
        int lastLine = recent.lastIndexOf("\n");
        return PROMPT.matcher(recent.substring(lastLine + 1)).find();
    }

    /** The prompt was answered: it must not match again for the next keystrokes. */
    void answered() {
        recent.setLength(0);
    }
}
