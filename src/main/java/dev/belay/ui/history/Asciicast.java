package dev.belay.ui.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed asciicast v2 recording: terminal size, the output frames with their times, and the
 * markers (step boundaries) in order.
 */
record Asciicast(int width, int height, List<Frame> output, List<Marker> markers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One "o" event: {@code time} seconds after the start. */
    record Frame(double time, String data) { }

    /**
     * One "m" event: {@code label} at {@code time}, after the first {@code framesBefore} output
     * frames (frames at the same time after it belong to the next step).
     */
    record Marker(double time, String label, int framesBefore) { }

    Asciicast(int width, int height, List<Frame> output) {
        this(width, height, output, List.of());
    }

    /** Parses a stored cast; lines that are not frames (or input frames) are skipped. */
    static Asciicast parse(String cast) {
        List<String> lines = cast.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return new Asciicast(80, 24, List.of());
        }
        try {
            JsonNode header = JSON.readTree(lines.get(0));
            List<Frame> frames = new ArrayList<>();
            List<Marker> markers = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                JsonNode f = JSON.readTree(line);
                if (f.isArray() && f.size() >= 3 && "o".equals(f.get(1).asText())) {
                    frames.add(new Frame(f.get(0).asDouble(), f.get(2).asText()));
                } else if (f.isArray() && f.size() >= 3 && "m".equals(f.get(1).asText())) {
                    markers.add(new Marker(f.get(0).asDouble(), f.get(2).asText(), frames.size()));
                }
            }
            return new Asciicast(header.path("width").asInt(80), header.path("height").asInt(24), List.copyOf(frames),
                    List.copyOf(markers));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("The stored recording is not asciicast v2: " + e.getMessage(), e);
        }
    }

    /** Seconds from the start to the last frame or marker. */
    double duration() {
        double last = output.isEmpty() ? 0 : output.get(output.size() - 1).time();
        return markers.isEmpty() ? last : Math.max(last, markers.get(markers.size() - 1).time());
    }
}
