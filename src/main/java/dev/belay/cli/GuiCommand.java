package dev.belay.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code belay gui} (and {@code belay} with no command): the desktop app, from the same jar. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the desktop app (what 'belay' with no command does).",
                "Exit 0 when it closes, 2 when there is no display to open it on."})
public final class GuiCommand implements Callable<Integer> {

    /** Opens the desktop; a seam so the command line's dispatch is testable without a window. */
    @FunctionalInterface
    public interface Desktop {
        int open(boolean exitAfterFirstFrame, java.io.PrintWriter err);

        Desktop JAVAFX = dev.belay.ui.Launcher::open;
    }

    @Option(names = "--exit-after-first-frame",
            description = "Close once the first frame is shown, printing how long that took (for install checks).")
    boolean exitAfterFirstFrame;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Desktop desktop;

    GuiCommand(Desktop desktop) {
        this.desktop = desktop;
    }

    @Override
    public Integer call() {
        return desktop.open(exitAfterFirstFrame, spec.commandLine().getErr());
    }
}
