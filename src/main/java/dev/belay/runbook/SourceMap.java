package dev.belay.runbook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each node of a loaded file starts, keyed by a slash path from the root: {@code steps/3},
 * {@code steps/3/on}, {@code vars/vip}, {@code hosts/control-1/address}. Lets the validator, the UI
 * and the engine point at the line an author wrote.
 */
public record SourceMap(Map<String, Position> positions) {

    public static final SourceMap EMPTY = new SourceMap(Map.of());

    public SourceMap {
        positions = Collections.unmodifiableMap(new LinkedHashMap<>(positions));
    }

    /** The position of {@code path}, or of its nearest recorded parent, or line 1 column 1. */
    public Position at(String path) {
        String p = path;
        while (true) {
            Position found = positions.get(p);
            if (found != null) {
                return found;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return positions.getOrDefault("", Position.START);
            }
            p = p.substring(0, slash);
        }
    }
}
