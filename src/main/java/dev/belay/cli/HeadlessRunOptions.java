package dev.belay.cli;

import dev.belay.inventory.Inventory;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code belay run} and {@code belay resume} share: unattended or not, which hosts are trusted,
 * how much is printed, the audit log and how its checkpoints are signed, and where a key's passphrase
 * is typed.
 */
final class HeadlessRunOptions {

    @Option(names = "--auto-confirm", description = "Tick manual steps automatically (audited as such).")
    boolean autoConfirm;
    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Extra known_hosts file to trust (default: ~/.belay/known_hosts).")
    Path knownHosts;
    @Option(names = {"-v", "--verbose"}, description = "Print every command, not only checks and failures.")
    boolean verbose;
    @Mixin
    AuditCommand.Db db;
    @Mixin
    CheckpointOptions checkpoints;
    /** Where key passphrases are typed; tests swap in their own. */
    ConsolePassphrases.SecretReader passphraseReader = ConsolePassphrases.SecretReader.CONSOLE;
    @Spec(Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Who runs it when {@code --operator} is not given: the OS login. */
    static String operatorOr(String given) {
        return given != null ? given : System.getProperty("user.name", "operator");
    }

    /** How the run reaches {@code inventory}'s hosts: unknown host keys refused, passphrases asked here. */
    SshSettings ssh(PassphrasePrompt passphrases, Inventory inventory) {
        return Ssh.settings(knownHosts, passphrases, inventory);
    }
}
