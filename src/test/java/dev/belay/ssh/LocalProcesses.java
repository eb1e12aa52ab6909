package dev.belay.ssh;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Looks at this machine's processes with pgrep: the test servers run on loopback, so a "remote"
 * command is a local process, and whether it still runs can be checked without another exec.
 */
public final class LocalProcesses {
    private LocalProcesses() { }

    /** {@code sleep 300.<random>}: a command line no other process on the machine has. */
    public static String uniqueSleep() {
        return "sleep 300." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    /** True once a process whose command line starts with {@code command} runs (bounded wait). */
    public static boolean awaitStarted(String command) throws IOException, InterruptedException {
        return await("^" + command.replace(".", "\\."), true);
    }

    /**
     * True once no process's command line contains {@code command} (bounded wait): neither the command
     * nor any shell that was running it.
     */
    public static boolean awaitGone(String command) throws IOException, InterruptedException {
        return await(command.replace(".", "\\."), false);
    }

    private static boolean await(String regex, boolean wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (running(regex) == wanted) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static boolean running(String regex) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("pgrep", "-f", regex).redirectErrorStream(true).start();
        } catch (IOException noPgrep) {
            Assumptions.abort("pgrep (procps) is not installed: cannot check the remote process from here");
            throw noPgrep;
        }
        p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("pgrep did not finish");
        }
        return p.exitValue() == 0;
    }
}
