package dev.belay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Inventories as kolla-ansible operators have them, through the one loader the CLI and the desktop share. */
class KollaInventoryTest {

    static final Path DIR = Path.of("src/test/resources/inventories/ansible");
    static final Path MULTINODE = DIR.resolve("kolla-multinode");
    static final Path ALL_IN_ONE = DIR.resolve("kolla-all-in-one");

    @Test
    void formatsAreToldApartByContent() throws IOException {
        assertThat(InventoryFiles.detect(Files.readString(MULTINODE))).isEqualTo(InventoryFiles.Format.ANSIBLE_INI);
        assertThat(InventoryFiles.detect(Files.readString(DIR.resolve("kolla-multinode.yml"))))
                .isEqualTo(InventoryFiles.Format.ANSIBLE_YAML);
        assertThat(InventoryFiles.detect(Files.readString(Path.of("runbooks/inventories/staging.example.yaml"))))
                .isEqualTo(InventoryFiles.Format.BELAY);
    }

    @Test
    void multinodeGroupsOfGroupsRangesAndHostVars() {
        LoadResult<Inventory> r = InventoryFiles.load(MULTINODE);
        assertThat(r.problems()).isEmpty();
        Inventory inv = r.value();
        assertThat(inv.environment()).as("belay_environment in [all:vars]").isEqualTo("staging");
        assertThat(inv.roles().get("control")).containsExactly("control01", "control02", "control03");
        assertThat(inv.roles().get("mariadb")).isEqualTo(inv.roles().get("control"));
        assertThat(inv.roles().get("nova-api")).as("a child of a child").containsExactly("control01", "control02",
                "control03");
        assertThat(inv.roles().get("baremetal")).containsExactly("control01", "control02", "control03", "net01",
                "net02", "compute01", "compute02", "stor01", "mon01");
        assertThat(inv.roles().get("openvswitch")).as("a child named before its section")
                .containsExactly("net01", "net02", "compute01", "compute02");
        assertThat(inv.hosts().get("control02").user()).isEqualTo("kolla");
        assertThat(inv.hosts().get("control02").vars()).containsEntry("api_interface", "eth1");
        assertThat(inv.hosts().get("net02")).extracting(Host::address, Host::port).containsExactly("10.30.0.22", 2222);
        assertThat(inv.hosts().get("compute01").identity()).isEqualTo("~/.ssh/kolla_compute");
        assertThat(inv.hosts().get("compute02").port()).as("host:port").isEqualTo(2200);
        assertThat(inv.hosts().get("localhost").vars()).containsEntry("ansible_connection", "local");
        assertThat(inv.vars()).containsEntry("vip", "10.30.0.10").doesNotContainKey("belay_environment")
                .doesNotContainKey("ansible_python_interpreter");
    }

    @Test
    void allInOneIsOneLocalHostInEveryGroup() {
        Inventory inv = InventoryFiles.load(ALL_IN_ONE).value();
        assertThat(inv.environment()).as("the file name when belay_environment is not set").isEqualTo("kolla-all-in-one");
        assertThat(inv.hosts()).containsOnlyKeys("localhost");
        assertThat(inv.roles().get("common")).containsExactly("localhost");
        assertThat(inv.roles().get("mariadb")).containsExactly("localhost");
    }

    @Test
    void yamlSyntaxReadsTheSameCloud() {
        Inventory yaml = InventoryFiles.load(DIR.resolve("kolla-multinode.yml")).value();
        Inventory ini = InventoryFiles.load(MULTINODE).value();
        assertThat(yaml.environment()).isEqualTo("staging");
        assertThat(yaml.roles().get("mariadb")).isEqualTo(ini.roles().get("control"));
        assertThat(yaml.hosts().get("control03").user()).isEqualTo("kolla");
    }

    @Test
    void everyShippedRunbookFitsTheMultinodeInventoryThroughItsGroups() throws IOException {
        Inventory inv = InventoryFiles.load(MULTINODE).value();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("runbooks"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        for (Path f : files) {
            Runbook rb = new RunbookLoader().load(f).value();
            assertThat(rb).as(f.toString()).isNotNull();
            assertThat(RunbookFit.problems(rb, inv)).as(f.toString()).isEmpty();
        }
        Runbook galera = new RunbookLoader().load(Path.of("runbooks/galera-cluster-upgrade.yaml")).value();
        assertThat(RoleGroups.fill(galera, inv).roles().get("controllers")).as("filled from mariadb, the first group")
                .containsExactly("control01", "control02", "control03");
    }

    @Test
    void aRoleTheInventoryNamesKeepsItsHostsAndTooFewHostsAreNamed() {
        Inventory allInOne = InventoryFiles.load(ALL_IN_ONE).value();
        Runbook galera = new RunbookLoader().load(Path.of("runbooks/galera-cluster-upgrade.yaml")).value();
        assertThat(RunbookFit.problems(galera, allInOne)).contains(
                "role 'controllers' needs at least 3 hosts; inventory 'kolla-all-in-one' gives 1 (from group 'mariadb'):"
                        + " add hosts to that group");
        Inventory staging = InventoryFiles.load(Path.of("runbooks/inventories/staging.example.yaml")).value();
        assertThat(RoleGroups.fill(galera, staging)).isSameAs(staging);
        Runbook rb = new RunbookLoader().load("rb.yaml", """
                id: needs-ceph
                title: Needs Ceph
                component: test
                revision: 1
                roles:
                  osds: { groups: [ceph-osd, osds] }
                steps:
                  - { id: a, title: A, on: osds, run: "true" }
                """).value();
        assertThat(RunbookFit.problems(rb, allInOne)).singleElement().asString()
                .contains("does not have", "nor any of its groups [ceph-osd, osds] with hosts");
    }

    @Test
    void neitherYamlNorIniNamesTheLineOfEach() {
        LoadResult<Inventory> r = InventoryFiles.load("odd", """
                # the control plane
                controllers: ctl-1: ctl-2
                """.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.value()).isNull();
        assertThat(r.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .startsWith("odd:2:").contains("not a YAML inventory", "mapping values are not allowed"));
        assertThat(r.problems()).extracting(Problem::toString).anySatisfy(p -> assertThat(p)
                .startsWith("odd:2:").contains("not an Ansible INI inventory either", "'controllers:'"));
    }

    @Test
    void aBrokenIniSectionIsNamedByLine() {
        LoadResult<Inventory> r = InventoryFiles.load("hosts", """
                [control]
                control01
                [mariadb:childs]
                control
                """.getBytes(StandardCharsets.UTF_8), null);
        assertThat(r.problems()).extracting(Problem::toString).singleElement().asString()
                .startsWith("hosts:3:1: bad section header '[mariadb:childs]'");
    }
}
