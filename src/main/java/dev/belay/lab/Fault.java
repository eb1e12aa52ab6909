package dev.belay.lab;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One injected fault: its kind, the host it strikes (null for a cluster fault) and its argument
 * (the container name of {@code container-exits@H:NAME}, otherwise null).
 */
public record Fault(FaultKind kind, String host, String arg) {

    public Fault {
        Objects.requireNonNull(kind, "kind");
        switch (kind.scope()) {
            case CLUSTER -> {
                if (host != null) {
                    throw new IllegalArgumentException("fault " + kind.id() + " strikes the whole cluster: write it without @HOST");
                }
            }
            case HOST -> {
                if (host == null || host.isBlank()) {
                    throw new IllegalArgumentException("fault " + kind.id() + " needs a host: write " + kind.id() + "@lab-2");
                }
                if (arg != null) {
                    throw new IllegalArgumentException("fault " + kind.id() + " takes no :ARG");
                }
            }
            case HOST_AND_ARG -> {
                if (host == null || host.isBlank() || arg == null || arg.isBlank()) {
                    throw new IllegalArgumentException("fault " + kind.id() + " needs a host and a name: write "
                            + kind.id() + "@lab-2:mariadb");
                }
            }
        }
    }

    /**
     * Reads {@code KIND}, {@code KIND@HOST} or {@code KIND@HOST:ARG}; the message of a bad one says
     * what was wrong and lists the catalogue.
     */
    public static Fault parse(String text) {
        String s = text == null ? "" : text.trim();
        String kindPart = s;
        String host = null;
        String arg = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            kindPart = s.substring(0, at);
            String rest = s.substring(at + 1);
            int colon = rest.indexOf(':');
            host = colon >= 0 ? rest.substring(0, colon) : rest;
            arg = colon >= 0 ? rest.substring(colon + 1) : null;
        }
        String kindName = kindPart;
        FaultKind kind = FaultKind.byId(kindName).orElseThrow(() -> new IllegalArgumentException(
                "unknown fault '" + kindName + "'; known: " + catalogue()));
        return new Fault(kind, host, arg);
    }

    /** Whether this fault strikes {@code hostName} (a cluster fault strikes every host). */
    public boolean strikes(String hostName) {
        return host == null || host.equals(hostName);
    }

    /** The fault as written on the command line. */
    @Override
    public String toString() {
        return kind.id() + (host == null ? "" : "@" + host) + (arg == null ? "" : ":" + arg);
    }

    /** Every fault kind as it is written, for help texts and error messages. */
    public static String catalogue() {
        return Arrays.stream(FaultKind.values())
                .map(k -> switch (k.scope()) {
                    case CLUSTER -> k.id();
                    case HOST -> k.id() + "@HOST";
                    case HOST_AND_ARG -> k.id() + "@HOST:NAME";
                })
                .collect(Collectors.joining(", "));
    }
}
