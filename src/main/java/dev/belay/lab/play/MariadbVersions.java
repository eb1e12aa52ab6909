package dev.belay.lab.play;

/** The MariaDB server and Galera provider versions a Kolla release's {@code mariadb} image ships. */
final class MariadbVersions {

    private MariadbVersions() {
    }

    /** The server's version string ({@code 10.1.30-MariaDB}); a release that is already a version is kept. */
    static String server(String release) {
        if (release != null && release.matches("\\d+\\.\\d+\\.\\d+.*")) {
            return release.endsWith("-MariaDB") ? release : release + "-MariaDB";
        }
        String v = switch (release == null ? "" : release) {
            case "newton" -> "10.0.28";
            case "ocata" -> "10.1.20";
            case "queens" -> "10.1.30";
            case "rocky" -> "10.1.34";
            case "stein" -> "10.3.10";
            case "train" -> "10.3.17";
            default -> "10.1.22";
        };
        return v + "-MariaDB";
    }

    /** The Galera provider's version ({@code wsrep_provider_version}). */
    static String galera(String release) {
        return switch (release == null ? "" : release) {
            case "newton", "ocata" -> "25.3.19(r3667)";
            case "queens", "rocky" -> "25.3.22(r3764)";
            case "stein", "train" -> "25.3.26(r3857)";
            default -> "25.3.20(r3703)";
        };
    }
}
