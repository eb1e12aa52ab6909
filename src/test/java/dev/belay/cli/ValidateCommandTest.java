package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void validFilesPrintOkAndExitZero() throws IOException {
        Path rb = write("a.yaml", "id: a\ntitle: A\nsteps:\n  - { id: s, title: S, wait: 1s }\n");
        Path inv = write("inv.yaml", "environment: lab\nhosts:\n  h1: { address: 127.0.0.1 }\n");
        assertThat(run("validate", rb.toString(), inv.toString())).isZero();
        assertThat(out.toString()).isEqualTo(rb + ": ok\n" + inv + ": ok\n");
    }

    @Test
    void problemsArePrintedAsFileLineColumnAndExitOne() throws IOException {
        Path rb = write("a.yaml", "id: a\ntitle: A\nsteps:\n  - { id: s, title: S, wait: 10 }\n");
        assertThat(run("validate", rb.toString())).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(rb + ":4:30: bad duration '10': write a number with a unit, like 500ms,"
                + " 10s, 5m, 2h or 1h30m ('wait' in step 's')\n");
    }

    @Test
    void withAnInventoryEachRunbookIsCheckedAgainstItsRolesAndIndexes() throws IOException {
        Path rb = write("fit.yaml", "id: fit\ntitle: Fit\nroles:\n  controllers: { min: 2 }\n  computes: { min: 0 }\n"
                + "steps:\n  - { id: s, title: S, on: \"controllers[2]\", run: uptime }\n");
        Path inv = write("inv.yaml", "environment: lab\nhosts:\n  h1: { address: 127.0.0.1 }\n"
                + "roles:\n  controller: [h1]\n");
        assertThat(run("validate", rb.toString(), "--inventory", inv.toString())).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(
                rb + ":1:1: runbook 'fit' needs role 'controllers', which inventory 'lab' does not have (did you mean"
                        + " 'controller'?): add it under roles: (inventory " + inv + ")\n");

        Path fits = write("fits.yaml", "id: fits\ntitle: Fits\nroles:\n  controller: { min: 1 }\n"
                + "steps:\n  - { id: s, title: S, on: \"controller[0]\", run: uptime }\n");
        out.getBuffer().setLength(0);
        assertThat(run("validate", fits.toString(), "--inventory", inv.toString())).isZero();
        assertThat(out.toString()).isEqualTo(fits + ": ok\n");
    }

    @Test
    void includesAreCheckedAgainstTheFolder() throws IOException {
        write("b.yaml", "id: b\ntitle: B\nsteps:\n  - { id: back, title: Back, include: a }\n");
        Path a = write("a.yaml", "id: a\ntitle: A\nsteps:\n  - { id: s, title: S, include: b }\n"
                + "  - { id: t, title: T, include: nowhere }\n");
        assertThat(run("validate", a.toString())).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(
                a + ":4:33: include cycle: a -> b -> a (step 's'): a runbook cannot include itself, directly or"
                        + " through others\n"
                        + a + ":5:33: unknown runbook id 'nowhere' in include of step 't': no runbook in the library"
                        + " has that id\n");
    }

    @Test
    void missingFileExitsTwoWithoutStackTrace() {
        assertThat(run("validate", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read").contains("no such file").doesNotContain("Exception");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("validate")).isEqualTo(2);
        assertThat(run("validate", "--kind", "cake", "x.yaml")).isEqualTo(2);
    }

    @Test
    void kindCanBeForced() throws IOException {
        Path inv = write("inv.yaml", "environment: lab\nhosts:\n  h1: { address: 127.0.0.1 }\n");
        assertThat(run("validate", "--kind", "runbook", inv.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("unknown key 'hosts' at the top level");
    }
}
