package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** pip and python of the deploy host's Kolla-Ansible virtualenv, kolla-genpwd and kolla-mergepwd. */
class KollaToolsPlaysTest {

    private static final String TEMPLATE = PipPlay.SHARE + "/passwords.yml";

    @Test
    void pipInstallPicksTheNewestVersionTheRequirementAllowsAndBringsItsTemplate() {
        try (LabFixture lab = new LabFixture(3)) {
            assertEquals("Version: 5.0.5", lab.out("lab-1", "pip show kolla-ansible").lines()
                    .filter(l -> l.startsWith("Version")).findFirst().orElseThrow());
            assertFalse(lab.cluster.files().read("lab-1", TEMPLATE).orElseThrow().contains("redis_master_password"));

            String up = lab.out("lab-1", "pip install --upgrade 'kolla-ansible>=6.0.0,<7.0.0'");
            assertTrue(up.contains("Successfully uninstalled kolla-ansible-5.0.5\n"), up);
            assertTrue(up.endsWith("Successfully installed kolla-ansible-6.2.1\n"), up);
            assertTrue(lab.cluster.files().read("lab-1", TEMPLATE).orElseThrow().contains("\nredis_master_password:\n"));
            assertTrue(lab.out("lab-1", "pip install 'kolla-ansible>=6.0.0,<7.0.0'").startsWith("Requirement already satisfied"));
            assertTrue(lab.out("lab-2", "pip show kolla-ansible").contains("Version: 5.0.5\n"), "another host keeps its own");

            // The rollback's plain install of the old branch is a downgrade.
            assertTrue(lab.out("lab-1", "pip install 'kolla-ansible>=5.0.0,<6.0.0'").endsWith("Successfully installed kolla-ansible-5.0.5\n"));
            PlayResult none = lab.run("lab-1", "pip install 'kolla-ansible>=99'");
            assertEquals(1, none.exitCode());
            assertTrue(none.stderr().contains("No matching distribution found for kolla-ansible>=99"), none.stderr());
            assertEquals(1, lab.run("lab-1", "pip show nosuch").exitCode());
        }
    }

    @Test
    void pythonAnswersOnlyTheLineTheRunbooksRun() {
        try (LabFixture lab = new LabFixture(1)) {
            assertEquals("/opt/kolla-venv\n", lab.out("lab-1", "python -c 'import sys; print(sys.prefix)'"));
            PlayResult other = lab.run("lab-1", "python -c 'import os; os.system(\"id\")'");
            assertEquals(2, other.exitCode());
            assertTrue(other.stderr().startsWith("lab: python is played only as"), other.stderr());
        }
    }

    @Test
    void genpwdFillsEmptyKeysAndMergepwdKeepsTheExistingPasswords() {
        try (LabFixture lab = new LabFixture(1)) {
            String before = lab.cluster.files().read("lab-1", "/etc/kolla/passwords.yml").orElseThrow();
            String keystone = KollaPasswordsPlay.parse(before).get("keystone_admin_password");
            assertEquals(40, keystone.length());
            assertTrue(before.contains("docker_registry_password: null\n"), before);

            lab.out("lab-1", "pip install -U kolla-ansible==6.2.1");
            lab.cluster.files().write("lab-1", "/etc/kolla/passwords.yml.new", lab.cluster.files().read("lab-1", TEMPLATE).orElseThrow());
            lab.out("lab-1", "kolla-genpwd -p /etc/kolla/passwords.yml.new");
            String generated = lab.cluster.files().read("lab-1", "/etc/kolla/passwords.yml.new").orElseThrow();
            assertFalse(generated.matches("(?s).*^[a-z_]+:\\s*$.*"), "no empty key left");
            assertFalse(generated.contains("keystone_admin_password: " + keystone), "new values are fresh");

            lab.out("lab-1", "kolla-mergepwd --old /etc/kolla/passwords.yml --new /etc/kolla/passwords.yml.new --final /etc/kolla/passwords.yml");
            String merged = lab.cluster.files().read("lab-1", "/etc/kolla/passwords.yml").orElseThrow();
            assertTrue(merged.contains("keystone_admin_password: " + keystone + "\n"), "old passwords kept");
            assertTrue(merged.matches("(?s).*\nredis_master_password: [0-9a-f]{40}\n.*"), "the new release's key added");

            PlayResult missing = lab.run("lab-1", "kolla-genpwd -p /etc/kolla/none.yml");
            assertEquals(1, missing.exitCode());
            assertTrue(missing.stderr().contains("No such file or directory: '/etc/kolla/none.yml'"));
            assertEquals(2, lab.run("lab-1", "kolla-mergepwd --old a --new b").exitCode());
        }
    }
}
