package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryFiles;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --inventory} takes an Ansible inventory as operators have it (kolla-ansible's INI shape),
 * the shipped runbooks find their roles through {@code groups:}, and a headless run prints what
 * each host printed, prefixed with the host, unless {@code --quiet}.
 */
class OperatorInventoryRunTest {

    static final Path MULTINODE = Path.of("src/test/resources/inventories/ansible/kolla-multinode");

    private static final String GREET = """
            id: greet
            title: Greet from every controller
            component: test
            revision: 1
            roles:
              controllers: { min: 2, groups: [control] }
            steps:
              - id: hello
                title: Say hello
                on: controllers
                run: echo "hello from $(hostname)"; echo "to stderr" >&2
                expect: [ { contains: hello } ]
            """;

    @TempDir
    static Path dir;
    static PracticeLab lab;
    static Path ini;
    private final Cli cli = new Cli();

    @BeforeAll
    static void startLab() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 2, 0));
        Inventory inv = InventoryFiles.load(lab.inventoryPath()).value();
        StringBuilder text = new StringBuilder("# the practice lab, written as an Ansible INI inventory\n[control]\n");
        for (Host h : inv.hosts().values()) {
            text.append(h.name()).append(" ansible_host=").append(h.address()).append(" ansible_port=").append(h.port())
                    .append(" ansible_user=").append(h.user()).append(" ansible_ssh_private_key_file=")
                    .append(h.identity()).append('\n');
        }
        text.append("\n[mariadb:children]\ncontrol\n");
        ini = Files.writeString(dir.resolve("hosts"), text);
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    @Test
    void validateReadsAKollaInventoryAndTheShippedRunbooks() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate", MULTINODE.toString()));
        try (var s = Files.list(Path.of("runbooks"))) {
            s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> args.add(p.toString()));
        }
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.out + "\n" + cli.err).isZero();
        assertThat(cli.out.toString()).contains(MULTINODE + ": ok");
    }

    @Test
    void validateChecksTheShippedRunbooksAgainstKollaInventories() {
        assertThat(cli.run("validate", "runbooks/galera-cluster-upgrade.yaml", "--inventory", MULTINODE.toString()))
                .as(cli.out + "\n" + cli.err).isZero();
        Path allInOne = MULTINODE.resolveSibling("kolla-all-in-one");
        assertThat(cli.run("validate", "runbooks/galera-cluster-upgrade.yaml", "--inventory", allInOne.toString()))
                .isEqualTo(1);
        assertThat(cli.out.toString()).contains("role 'controllers' needs at least 3 hosts; inventory 'kolla-all-in-one'"
                + " gives 1");
    }

    @Test
    void validateNamesTheLineWhenAnInventoryIsNeitherYamlNorIni() throws IOException {
        Path odd = Files.writeString(dir.resolve("odd-hosts"), "[control]\ncontrol01\n[mariadb:childs]\ncontrol\n");
        assertThat(cli.run("validate", odd.toString())).isEqualTo(1);
        assertThat(cli.out.toString()).contains(odd + ":3:1: bad section header '[mariadb:childs]'");
    }

    @Test
    void shippedGaleraRunbookDryRunsUnchangedOnTheMultinodeInventory() {
        int code = cli.run("run", "runbooks/galera-cluster-upgrade.yaml", "--inventory", MULTINODE.toString(),
                "--var", "db_pass=s3cret", "--dry-run");
        assertThat(code).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("control01$", "control02$", "control03$").doesNotContain("s3cret");
    }

    @Test
    void aRunOnAnIniInventoryPrintsEachHostsOutputPrefixedWithTheHost() throws IOException {
        Path rb = Files.writeString(dir.resolve("greet.yaml"), GREET);
        int code = cli.run("run", rb.toString(), "--inventory", ini.toString(), "--db",
                AuditStore.h2Url(dir.resolve("audit-loud")), "--known-hosts", lab.knownHostsPath().toString());
        assertThat(code).as(cli.out + "\n" + cli.err).isZero();
        assertThat(cli.out.toString()).contains("[lab-1] hello from lab-1", "[lab-2] hello from lab-2",
                "[lab-1]! to stderr", "lab-2 ok   contains: hello");
    }

    @Test
    void quietLeavesOutTheOutputAndKeepsTheChecks() throws IOException {
        Path rb = Files.writeString(dir.resolve("greet-quiet.yaml"), GREET);
        int code = cli.run("run", rb.toString(), "--inventory", ini.toString(), "--quiet", "--db",
                AuditStore.h2Url(dir.resolve("audit-quiet")), "--known-hosts", lab.knownHostsPath().toString());
        assertThat(code).as(cli.out + "\n" + cli.err).isZero();
        assertThat(cli.out.toString()).contains("lab-1 ok   contains: hello").doesNotContain("[lab-1]")
                .doesNotContain("hello from");
    }
}
