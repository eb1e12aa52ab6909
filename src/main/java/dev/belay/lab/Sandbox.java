package dev.belay.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The bubblewrap sandbox every command and shell of a lab host runs in. The host sees the machine
 * read-only, its own private {@code /etc}, {@code /var}, {@code /root}, {@code /home}, {@code /tmp}
 * and {@code /opt} (see {@link HostRoot}), empty tmpfs over {@code /run} and {@code /dev/shm}, its own
 * hostname, no network, its own process tree (so {@code kill -9 -1} reaches only the sandbox) and no
 * capabilities. The trainer's home and the lab's own directory (its keys) are hidden.
 *
 * <p>The played commands' shims come first on PATH ({@link #SHIM_DIR}), and the real binaries of the
 * played commands and of everything that could reach the machine's init ({@code systemctl},
 * {@code shutdown}, {@code reboot}, {@code kexec}, ...) are covered by the shim, so even an absolute
 * path like {@code /sbin/reboot} answers from the lab, never from systemd.
 */
final class Sandbox {

    /** Where the shims appear inside the sandbox, first on PATH. */
    static final String SHIM_DIR = "/run/belay/bin";
    static final String SOCKET = "/run/belay/play.sock";
    private static final String PLAY = "/run/belay/play";
    private static final String INIT = "/run/belay/init";
    private static final String HOST_FILE = "/run/belay/host";
    private static final String DISK = "/run/belay/disk";
    /** The default bubblewrap, as Debian installs it. */
    static final Path BWRAP = Path.of("/usr/bin/bwrap");
    /** Reach the machine's init or replace its kernel: always answered by the shim, played or not. */
    static final Set<String> DANGEROUS = Set.of(
            "systemctl", "shutdown", "reboot", "halt", "poweroff", "kexec", "telinit", "init");
    /**
     * Real tools run through a script of the lab's first: {@code touch /.autorelabel} (touch.sh), and
     * {@code su -s /bin/sh -c CMD nova} (su.sh: no capabilities in a sandbox, so no user to switch to).
     */
    static final List<String> WRAPPERS = List.of("touch", "su");
    /** What the shim itself needs: never covered, whatever a play is called. */
    private static final Set<String> NEVER_MASKED = Set.of("perl", "sh", "dash", "bash", "env", "cat", "cp", "readlink");
    private static final List<String> BIN_DIRS = List.of(
            "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    /** Free space a full disk is given before it is filled, so the host's own files fit. */
    private static final long DISK_SLACK = 1 << 20;

    /** Exec requests get their own session (no controlling terminal to push input into); shells keep their pty. */
    enum Mode { EXEC, SHELL }

    private final Path bwrap;
    private final Path shimDir;
    private final Path playScript;
    private final Path initScript;
    private final Path playSocket;
    private final Path hostFiles;
    private final List<Path> masked;
    private final List<Path> hidden;

    private Sandbox(Path bwrap, Path shimDir, Path playScript, Path initScript, Path playSocket, Path hostFiles,
                    List<Path> masked, List<Path> hidden) {
        this.bwrap = bwrap;
        this.shimDir = shimDir;
        this.playScript = playScript;
        this.initScript = initScript;
        this.playSocket = playSocket;
        this.hostFiles = hostFiles;
        this.masked = masked;
        this.hidden = hidden;
    }

    /**
     * Writes the shims for {@code played} under {@code base/shims} and returns the sandbox. The caller
     * has {@link #probe probed} {@code bwrap} first, before it wrote anything (a lab start probed it
     * twice when this did it again).
     */
    static Sandbox prepare(Path bwrap, Path base, Set<String> played, Path playSocket) throws IOException {
        Path shims = base.resolve("shims");
        HostRoot.deleteTree(shims);
        Path bin = Files.createDirectories(shims.resolve("bin"));
        Path play = shims.resolve("play");
        writeExecutable(play, resource("play.pl"));
        Path init = shims.resolve("init");
        writeExecutable(init, resource("init.sh"));
        Set<String> names = new LinkedHashSet<>(played);
        names.addAll(DANGEROUS);
        names.removeAll(NEVER_MASKED);
        for (String name : names) {
            Files.createSymbolicLink(bin.resolve(name), Path.of(PLAY));
        }
        // Not played, only rerouted: the real tool with a path the read-only machine cannot hold.
        for (String wrapper : WRAPPERS) {
            if (!names.contains(wrapper)) {
                writeExecutable(bin.resolve(wrapper), resource(wrapper + ".sh"));
            }
        }
        Path hostFiles = Files.createDirectories(shims.resolve("hosts"));
        return new Sandbox(bwrap, bin, play, init, playSocket, hostFiles, realBinaries(names), hiddenDirs(base));
    }

    /** The real files behind {@code names} in the usual bin directories, to cover with the shim. */
    private static List<Path> realBinaries(Set<String> names) {
        Set<Path> found = new LinkedHashSet<>();
        for (String dir : BIN_DIRS) {
            for (String name : names) {
                Path p = Path.of(dir, name);
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    Path real = p.toRealPath();
                    // A multi-call binary (busybox) behind the name would take every other tool with it.
                    if (names.contains(real.getFileName().toString())) {
                        found.add(real);
                    }
                } catch (IOException e) {
                    // vanished meanwhile: nothing to cover
                }
            }
        }
        return List.copyOf(found);
    }

    /** The trainer's home and the lab's directory, unless a host directory already covers them. */
    private static List<Path> hiddenDirs(Path base) {
        List<Path> hide = new ArrayList<>();
        for (Path p : List.of(Path.of(System.getProperty("user.home")), base)) {
            Path abs = p.toAbsolutePath().normalize();
            if (abs.getNameCount() == 0 || coveredByHostDir(abs) || !Files.isDirectory(abs)) {
                continue;
            }
            hide.add(abs);
        }
        return hide;
    }

    private static boolean coveredByHostDir(Path abs) {
        return HostRoot.DIRS.stream().anyMatch(d -> abs.startsWith(Path.of("/", d)));
    }

    /**
     * The command line that runs {@code command} (argv) on {@code host} inside its sandbox. With
     * {@code diskFull}, the host's directories are size-limited tmpfs holding a copy of its files.
     */
    List<String> command(LabHost host, Mode mode, boolean diskFull, List<String> command) throws IOException {
        List<String> a = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-all", "--unshare-user", "--uid", "0", "--gid", "0",
                "--hostname", host.name(), "--die-with-parent", "--cap-drop", "ALL"));
        if (mode == Mode.EXEC) {
            a.add("--new-session");
        }
        a.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                "--tmpfs", "/run", "--tmpfs", "/dev/shm"));
        for (Path p : hidden) {
            a.addAll(List.of("--tmpfs", p.toString()));
        }
        for (String d : HostRoot.DIRS) {
            Path src = host.dir(d);
            if (diskFull) {
                long size = HostRoot.pagesUsed(src) + DISK_SLACK;
                // Bound writable: init.sh carries back what still succeeded on the full disk.
                a.addAll(List.of("--size", Long.toString(size), "--tmpfs", "/" + d,
                        "--bind", src.toString(), DISK + "/" + d));
            } else {
                a.addAll(List.of("--bind", src.toString(), "/" + d));
            }
        }
        a.addAll(List.of("--ro-bind", shimDir.toString(), SHIM_DIR,
                "--ro-bind", playScript.toString(), PLAY,
                "--ro-bind", initScript.toString(), INIT,
                "--ro-bind", hostFile(host).toString(), HOST_FILE,
                "--bind", playSocket.toString(), SOCKET));
        for (Path real : masked) {
            a.addAll(List.of("--ro-bind", playScript.toString(), real.toString()));
        }
        for (String[] bind : HostFileSync.procBinds(host)) {
            a.addAll(List.of("--ro-bind", bind[0], bind[1]));
        }
        a.addAll(List.of("--chdir", LabHost.HOME, LabHost.SHELL, INIT));
        a.addAll(command);
        return a;
    }

    private Path hostFile(LabHost host) throws IOException {
        Path f = hostFiles.resolve(host.name());
        if (!Files.exists(f)) {
            Files.writeString(f, host.name() + "\n");
        }
        return f;
    }

    /**
     * Checks that bubblewrap makes a sandbox here, with one harmless {@code /bin/true}; throws with what
     * to install or allow when it cannot, for the lab never runs a host unsandboxed.
     */
    static void probe(Path bwrap) throws IOException {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            throw new IOException("lab: the practice lab needs Linux, where each lab host runs in a bubblewrap "
                    + "sandbox; this machine runs " + os + ". The lab never runs hosts unsandboxed.");
        }
        if (!Files.isExecutable(bwrap)) {
            throw new IOException("lab: bubblewrap (" + bwrap + ") is not installed. The practice lab runs every "
                    + "lab host inside it and never without it. Install it: apt-get install bubblewrap "
                    + "(Fedora: dnf install bubblewrap).");
        }
        Process p = new ProcessBuilder(bwrap.toString(), "--unshare-all", "--unshare-user", "--uid", "0",
                "--gid", "0", "--die-with-parent", "--cap-drop", "ALL", "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "--tmpfs", "/run", "/bin/true").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
        }
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("lab: bubblewrap (" + bwrap + ") did not finish a test run in 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("lab: interrupted while testing bubblewrap", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("lab: bubblewrap (" + bwrap + ") cannot make a sandbox here: " + out
                    + ". The practice lab runs every lab host inside it and never without it. It needs "
                    + "unprivileged user namespaces: sysctl kernel.unprivileged_userns_clone=1 (Debian), "
                    + "and on Ubuntu 24.04+ also kernel.apparmor_restrict_unprivileged_userns=0.");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Sandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("lab: " + name + " is missing from Belay's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void writeExecutable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
}
