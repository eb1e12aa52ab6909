package dev.belay.engine;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks secret var values in text before it goes into an event, longest first so a secret that
 * contains another is never half-shown. The audit store masks again on its side.
 */
final class Masker {

    static final String MASK = "******";

    private final List<String> secrets;

    Masker(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }
}
