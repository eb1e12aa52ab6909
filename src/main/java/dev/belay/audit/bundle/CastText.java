package dev.belay.audit.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * What a terminal recording showed, as plain text a browser displays: the output frames of an
 * asciicast v2 recording joined, with terminal escape sequences removed and line ends made plain.
 */
public final class CastText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)|\u001B[()][0-9A-Za-z]|\u001B[=>78DEHMc]");

    private CastText() {
    }

    /** The output of a recording (frames of type "o"), escape sequences stripped. */
    public static String output(String cast) {
        StringBuilder out = new StringBuilder();
        boolean header = true;
        for (String line : cast.split("\n")) {
            if (header || line.isBlank()) {
                header = false;
                continue;
            }
            try {
                JsonNode frame = JSON.readTree(line);
                if (frame.isArray() && frame.size() == 3 && "o".equals(frame.get(1).asText())) {
                    out.append(frame.get(2).asText());
                }
            } catch (java.io.IOException e) {
                out.append("[unreadable frame]\n");
            }
        }
        return plain(out.toString());
    }

    static String plain(String terminal) {
        String s = ESCAPES.matcher(terminal).replaceAll("").replace("\r\n", "\n");
        StringBuilder out = new StringBuilder(s.length());
        for (String line : s.split("\n", -1)) {
            String trimmed = line.replaceAll("\r+$", "");
            int cr = trimmed.lastIndexOf('\r'); // a carriage return redraws the line: keep what was drawn last
            String kept = cr < 0 ? trimmed : trimmed.substring(cr + 1);
            for (char c : kept.toCharArray()) {
                if (c == '\b') {
                    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                        out.setLength(out.length() - 1);
                    }
                } else if (c >= ' ' || c == '\t') {
                    out.append(c);
                }
            }
            out.append('\n');
        }
        out.setLength(Math.max(0, out.length() - 1));
        return out.toString();
    }
}
