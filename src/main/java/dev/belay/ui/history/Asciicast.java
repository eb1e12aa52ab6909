package dev.belay.ui.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A parsed asciicast v2 recording: terminal size and the output frames with their times. */
record Asciicast(int width, int height, List<Frame> output) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One "o" event: {@code time} seconds after the start. */
    record Frame(double time, String data) { }

    /** Parses a stored cast; lines that are not frames (or input frames) are skipped. */
    static Asciicast parse(String cast) {
        List<String> lines = cast.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return new Asciicast(80, 24, List.of());
        }
        try {
            JsonNode header = JSON.readTree(lines.get(0));
            List<Frame> frames = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                JsonNode f = JSON.readTree(line);
                if (f.isArray() && f.size() >= 3 && "o".equals(f.get(1).asText())) {
                    frames.add(new Frame(f.get(0).asDouble(), f.get(2).asText()));
                }
            }
            return new Asciicast(header.path("width").asInt(80), header.path("height").asInt(24), List.copyOf(frames));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("The stored recording is not asciicast v2: " + e.getMessage(), e);
        }
    }

    /** Seconds from the start to the last frame. */
    double duration() {
        return output.isEmpty() ? 0 : output.get(output.size() - 1).time();
    }
}
