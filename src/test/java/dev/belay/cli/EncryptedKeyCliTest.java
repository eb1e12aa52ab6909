package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.AuditStore;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code belay run} with a passphrase-protected key (the lab's key, re-encrypted by the real
 * {@code ssh-keygen -p}): asked on the terminal once for the run, never stored; without a terminal,
 * the error names the key file and the agent way.
 */
class EncryptedKeyCliTest {
    private static final String PASSPHRASE = "correct horse battery";
    private static final String RUNBOOK = """
            id: cli-encrypted-key
            title: Both controllers
            component: test
            revision: 1
            summary: Logs in to two hosts with one encrypted key.
            roles:
              controllers: { min: 1 }
            steps:
              - id: touch
                title: Touch
                on: controllers
                run: echo touched > touched
            """;

    @TempDir
    static Path dir;
    static PracticeLab lab;
    static Path inventory;
    static Path encryptedKey;

    /** A terminal with the answers queued; records every prompt it showed. */
    static final class Terminal implements ConsolePassphrases.SecretReader {
        final List<String> prompts = new ArrayList<>();
        final List<String> answers;
        final boolean present;

        Terminal(boolean present, String... answers) {
            this.present = present;
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public boolean available() {
            return present;
        }

        @Override
        public synchronized char[] read(String prompt) {
            prompts.add(prompt);
            return answers.isEmpty() ? null : answers.remove(0).toCharArray();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0));
        String text = Files.readString(lab.inventoryPath());
        Matcher m = Pattern.compile("identity: \"?([^\"\\n]+)\"?").matcher(text);
        assertThat(m.find()).isTrue();
        encryptedKey = dir.resolve("id_encrypted");
        Files.copy(Path.of(m.group(1)), encryptedKey);
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-p", "-P", "", "-N", PASSPHRASE, "-f", encryptedKey.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
        inventory = Files.writeString(dir.resolve("inventory.yaml"), text.replace(m.group(1), encryptedKey.toString()));
    }

    @AfterAll
    static void stop() throws IOException {
        lab.close();
    }

    private static int run(Cli cli, String name) throws IOException {
        Path rb = Files.writeString(dir.resolve(name + ".yaml"), RUNBOOK.replace("cli-encrypted-key", "cli-" + name));
        return cli.run("run", rb.toString(), "--inventory", inventory.toString(), "--db",
                AuditStore.h2Url(dir.resolve(name + "-audit")), "--known-hosts", lab.knownHostsPath().toString(),
                "--operator", "ci");
    }

    @Test
    void thePassphraseIsAskedOnceForTheRunAndNeverStored() throws Exception {
        Cli cli = new Cli();
        Terminal terminal = new Terminal(true, PASSPHRASE);
        cli.passphrases = terminal;
        assertThat(run(cli, "asked")).as(cli.out + "\n" + cli.err).isZero();
        assertThat(terminal.prompts).containsExactly("Enter passphrase for key '" + encryptedKey + "': ");
        assertThat(Files.readString(lab.hosts().get(0).home().resolve("touched"))).isEqualTo("touched\n");
        assertThat(Files.readString(lab.hosts().get(1).home().resolve("touched"))).isEqualTo("touched\n");
        assertThat(cli.out.toString() + cli.err).doesNotContain(PASSPHRASE);
        try (AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("asked-audit")))) {
            for (AuditEvent e : store.timeline(store.runs(dev.belay.audit.RunQuery.all()).get(0).runId())) {
                assertThat(e.toString()).doesNotContain(PASSPHRASE);
            }
        }
    }

    @Test
    void aWrongPassphraseIsReportedAsSuch() throws Exception {
        Cli cli = new Cli();
        cli.passphrases = new Terminal(true, "not it", "not it either");
        assertThat(run(cli, "wrong")).isEqualTo(RunDriver.FAILED);
        assertThat(cli.out.toString() + cli.err).contains("Wrong passphrase for private key " + encryptedKey);
    }

    @Test
    void withoutATerminalTheErrorNamesTheKeyAndTheAgentWay() throws Exception {
        Cli cli = new Cli();
        cli.passphrases = new Terminal(false);
        assertThat(run(cli, "headless")).isEqualTo(RunDriver.FAILED);
        assertThat(cli.out.toString() + cli.err).contains("key " + encryptedKey + ": encrypted, and there is no terminal")
                .contains("ssh-add " + encryptedKey);
    }
}
