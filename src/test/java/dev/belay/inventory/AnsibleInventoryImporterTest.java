package dev.belay.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.runbook.LoadResult;
import dev.belay.runbook.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnsibleInventoryImporterTest {

    private final AnsibleInventoryImporter importer = new AnsibleInventoryImporter();

    @Test
    void iniGroupsBecomeRolesAndAnsibleVarsMapToHostFields() {
        LoadResult<Inventory> r = importer.importText("hosts.ini", """
                # staging
                bastion ansible_host=bastion.example.net ansible_user=ops

                [db]
                db[1:2] ansible_port=2222 rack="r 1"

                [web]
                web-1 ansible_host=10.0.0.21 ansible_ssh_private_key_file=~/.ssh/web

                [cluster:children]
                db
                web

                [db:vars]
                ansible_user=mysql
                tier=data

                [all:vars]
                vip=10.0.0.10
                """, "staging");
        assertThat(r.problems()).isEmpty();
        Inventory inv = r.value();
        assertThat(inv.environment()).isEqualTo("staging");
        assertThat(inv.roles()).containsOnlyKeys("db", "web", "cluster");
        assertThat(inv.roles().get("cluster")).containsExactly("db1", "db2", "web-1");
        assertThat(inv.hosts().get("db1")).isEqualTo(new Host("db1", "db1", "mysql", 2222, null, null,
                Map.of("rack", "r 1", "tier", "data", "vip", "10.0.0.10")));
        assertThat(inv.hosts().get("web-1").identity()).isEqualTo("~/.ssh/web");
        assertThat(inv.hosts().get("bastion").user()).isEqualTo("ops");
        assertThat(inv.vars()).containsExactly(Map.entry("vip", "10.0.0.10"));
    }

    @Test
    void yamlChildrenAreFlattened() {
        LoadResult<Inventory> r = importer.importText("hosts.yml", """
                all:
                  vars:
                    ansible_user: root
                  children:
                    openstack:
                      children:
                        controllers:
                          hosts:
                            control-1: { ansible_host: 10.0.0.11 }
                            control-2: { ansible_host: 10.0.0.12, ansible_port: 2200, zone: b }
                        computes:
                          hosts:
                            compute-[01:02]:
                """, "lab");
        assertThat(r.problems()).isEmpty();
        Inventory inv = r.value();
        assertThat(inv.roles().get("openstack")).containsExactly("control-1", "control-2", "compute-01", "compute-02");
        assertThat(inv.hosts().get("control-2")).isEqualTo(new Host("control-2", "10.0.0.12", "root", 2200, null, null,
                Map.of("zone", "b")));
    }

    @Test
    void malformedLinesAreProblemsWithLineNumbers() {
        LoadResult<Inventory> r = importer.importText("bad.ini", "[web\nweb-1 port\n[db:vars]\nnovalue\n", "x");
        assertThat(r.value()).isNull();
        assertThat(r.problems()).extracting(Problem::toString).containsExactly(
                "bad.ini:1:1: bad section header '[web': write [group], [group:vars] or [group:children]",
                "bad.ini:2:1: expected 'key=value' after host 'web-1', found 'port'",
                "bad.ini:4:1: expected 'key=value' in [db:vars], found 'novalue'");
    }
}
