package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** docker run --volumes-from and the one-shot `bash -c 'kolla_set_configs && X-manage db_sync'`. */
class DockerOneShotTest {

    private static final String EXPAND = "docker run --rm --net host --user root --volumes-from keystone "
            + "--entrypoint /bin/bash kolla/centos-binary-keystone:queens "
            + "-c 'kolla_set_configs && keystone-manage db_sync --expand && keystone-manage db_sync --migrate'";

    @Test
    void aOneShotDbSyncMigratesTheSchemaToTheImagesRelease() {
        try (LabFixture lab = new LabFixture(3)) {
            String dump = "docker exec mariadb mysqldump -uroot -psecret --no-data keystone";
            assertFalse(lab.out("lab-1", dump).contains("`description`"));
            PlayResult r = lab.run("lab-1", EXPAND);
            assertEquals(0, r.exitCode(), r.stderr());
            assertTrue(lab.out("lab-1", dump).contains("`description`"), "Queens' migration added its column");
            assertFalse(lab.out("lab-1", "docker ps -a --format {{.Names}}").contains("lab_"), "--rm removed it");
        }
    }

    @Test
    void theOneShotFailsWithTheMigrationUnderDbSyncFails() {
        try (LabFixture lab = new LabFixture(3, "db-sync-fails@lab-1")) {
            PlayResult r = lab.run("lab-1", EXPAND);
            assertEquals(1, r.exitCode());
            assertTrue(r.stderr().contains("DBMigrationError"), r.stderr());
        }
    }

    @Test
    void volumesFromTakesEveryVolumeOfTheOtherContainer() {
        try (LabFixture lab = new LabFixture(3)) {
            lab.out("lab-1", "docker run -d --name mariadb_copy --volumes-from mariadb kolla/centos-binary-mariadb:pike");
            String mounts = lab.out("lab-1", "docker inspect -f '{{json .HostConfig.Binds}}' mariadb_copy");
            assertTrue(mounts.contains("mariadb:/var/lib/mysql"), mounts);
            PlayResult none = lab.run("lab-1", "docker run --volumes-from nosuch kolla/centos-binary-keystone:pike");
            assertEquals(125, none.exitCode());
            assertTrue(none.stderr().contains("No such container: nosuch"), none.stderr());
        }
    }

    @Test
    void aScriptBeyondAndChainsIsRefusedByName() {
        try (LabFixture lab = new LabFixture(1)) {
            PlayResult r = lab.run("lab-1", "docker run --rm --entrypoint /bin/bash kolla/centos-binary-keystone:queens "
                    + "-c 'keystone-manage db_sync | tee /tmp/x'");
            assertEquals(126, r.exitCode());
            assertTrue(r.stderr().contains("lab: a one-shot container's script is played only as"), r.stderr());
        }
    }
}
