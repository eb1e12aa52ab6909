package dev.belay.ui;

import javafx.application.Application;

/**
 * The GUI entry point. It must not extend {@link Application}: with JavaFX on the class path a
 * main class that does fails with "JavaFX runtime components are missing". {@code belay} with no
 * command, and {@code belay gui}, come here from the command line's {@code Main}.
 */
public final class Launcher {

    /** Set (to "true") to close the app once its first frame is up: how CI and scripts check a window appears. */
    public static final String EXIT_AFTER_FIRST_FRAME = "belay.exitAfterFirstFrame";

    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(BelayApp.class, args);
    }

    /**
     * Opens the desktop and returns when it closes: 0, or 2 with a message when there is no display
     * to open it on (a server, an SSH session without X forwarding).
     */
    public static int open(boolean exitAfterFirstFrame, java.io.PrintWriter err) {
        String why = noDisplay();
        if (why != null) {
            err.println("belay: cannot open the desktop: " + why + ". The command line works without one:"
                    + " belay --help");
            err.flush();
            return 2;
        }
        if (exitAfterFirstFrame) {
            System.setProperty(EXIT_AFTER_FIRST_FRAME, "true");
        }
        Application.launch(BelayApp.class);
        return 0;
    }

    /** Why no window can open here, or null. Monocle (headless tests) needs no display. */
    static String noDisplay() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        boolean unixDesktop = !os.contains("win") && !os.contains("mac");
        if (!unixDesktop || "Monocle".equals(System.getProperty("glass.platform"))) {
            return null;
        }
        boolean display = notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
        return display ? null : "no DISPLAY or WAYLAND_DISPLAY is set (use xvfb-run -a belay for a virtual one)";
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
