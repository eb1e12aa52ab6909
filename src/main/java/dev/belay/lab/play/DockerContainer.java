package dev.belay.lab.play;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What docker knows of a container beyond the shared service table. Guarded by the {@link DockerPlay}. */
final class DockerContainer {
    String id;
    Instant created;
    String imageRef;
    List<String> path = List.of();
    List<String> env = List.of();
    List<String> volumes = List.of();
    String restart = "no";
    String network = "default";
    int exitCode;
    Instant startedAt;
    Instant finishedAt;
    boolean manualStop;
    boolean everStarted;
    /** What the container's process is started with every time (BOOTSTRAP_ARGS, its command). */
    List<String> startArgs = List.of();
    final List<String> logs = new ArrayList<>();
    int pid;
}
