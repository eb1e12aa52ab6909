package dev.belay.app.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where {@code belay test} puts its labs by default: on a memory file system ({@code /dev/shm}) when
 * the machine has a usable one, else under the temporary directory. A lab start copies the machine's
 * {@code /etc} into every host's root (about 1,400 files and links each) and the end deletes them
 * again; on a disk file system those are journal writes that took most of a scenario on a busy
 * machine (12 to 27 s a lab start against under 1 s on tmpfs, measured side by side). Nothing of a
 * scenario's lab is meant to outlive it, so memory is the right place.
 */
public final class ScenarioWorkDir {

    /** The memory file system Linux mounts for every user. */
    static final Path SHM = Path.of("/dev/shm");
    /** Room a run of labs needs there at the least (a lab of five hosts takes about 25 MB). */
    static final long MIN_FREE = 1L << 30;
    static final String NAME = "belay-test";

    private ScenarioWorkDir() {
    }

    /** {@code /dev/shm/belay-test} when usable (see {@link #pick(Path, Path, List)}), else {@code java.io.tmpdir}'s. */
    public static Path pick() {
        List<String> mounts;
        try {
            mounts = Files.readAllLines(Path.of("/proc/self/mounts"));
        } catch (IOException | RuntimeException e) {
            mounts = List.of(); // not Linux, or no /proc: the temporary directory it is
        }
        return pick(SHM, Path.of(System.getProperty("java.io.tmpdir")), mounts);
    }

    /**
     * {@code shm/belay-test} when {@code mounts} (as {@code /proc/self/mounts} lists them) has {@code shm}
     * as a tmpfs that allows executing (the lab's stand-in commands run from its directory), it is a
     * writable directory and has {@link #MIN_FREE} left; otherwise {@code tmp/belay-test}.
     */
    static Path pick(Path shm, Path tmp, List<String> mounts) {
        String[] entry = null;
        for (String line : mounts) {
            String[] f = line.split(" ");
            if (f.length >= 4 && f[1].equals(shm.toString())) {
                entry = f; // the last mount on a path is the one in force
            }
        }
        boolean usable = entry != null && entry[2].equals("tmpfs")
                && Arrays.asList(entry[3].split(",")).stream().noneMatch("noexec"::equals)
                && Files.isDirectory(shm) && Files.isWritable(shm) && freeSpace(shm) >= MIN_FREE;
        return (usable ? shm : tmp).resolve(NAME);
    }

    private static long freeSpace(Path p) {
        try {
            return Files.getFileStore(p).getUsableSpace();
        } catch (IOException e) {
            return 0;
        }
    }
}
