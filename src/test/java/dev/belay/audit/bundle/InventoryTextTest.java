package dev.belay.audit.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secrets leave a bundle masked, whichever syntax the inventory is in; paths and plain values stay. */
class InventoryTextTest {

    @Test
    void iniYamlAndFlowPairsAreMaskedByKeyName() {
        InventoryText.Masked m = InventoryText.mask("""
                [control]
                ctl-1 ansible_host=10.0.0.1 ansible_password='s3 cret' ansible_ssh_private_key_file=~/.ssh/id
                [all:vars]
                ansible_become_pass=b3come
                vip=10.0.0.10
                # db_password=in-a-comment-stays
                vars:
                  db_pass: hunter2
                  keystone_admin_token: "tok en"
                  region: RegionOne
                hosts:
                  ctl-2: { address: 10.0.0.2, vars: { rabbit_secret: r4bbit, rack: r1 } }
                """);
        assertThat(m.text()).doesNotContain("s3 cret", "b3come", "hunter2", "tok en", "r4bbit")
                .contains("ansible_password=******", "ansible_become_pass=******", "db_pass: ******",
                        "keystone_admin_token: ******", "rabbit_secret: ******", "rack: r1", "vip=10.0.0.10",
                        "region: RegionOne", "ansible_ssh_private_key_file=~/.ssh/id", "# db_password=in-a-comment-stays");
        assertThat(m.count()).isEqualTo(5);
    }

    @Test
    void castTextIsWhatTheScreenShowed() {
        String cast = "{\"version\":2,\"width\":80,\"height\":24}\n[0.1,\"o\",\"\\u001b[32mok\\u001b[0m\\r\\n\"]\n"
                + "[0.2,\"i\",\"ls\\r\"]\n[0.3,\"o\",\"50%\\r100%\\r\\nab\\bc\\r\\n\"]\n";
        assertThat(CastText.output(cast)).isEqualTo("ok\n100%\nac\n");
    }
}
