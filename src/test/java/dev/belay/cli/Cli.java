package dev.belay.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs Belay's command line in-process and keeps what it printed, as a user would read it. */
final class Cli {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    /** The terminal that key passphrases are typed on; null keeps the real console. */
    ConsolePassphrases.SecretReader passphrases;
    /** The exit code of the last {@link #run}, for tests that keep the Cli as the run's record. */
    int exit;

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        if (passphrases != null) {
            ((RunCommand) cl.getSubcommands().get("run").getCommandSpec().userObject()).common.passphraseReader = passphrases;
            ((ResumeCommand) cl.getSubcommands().get("resume").getCommandSpec().userObject()).common.passphraseReader = passphrases;
        }
        return cl.execute(args);
    }
}
