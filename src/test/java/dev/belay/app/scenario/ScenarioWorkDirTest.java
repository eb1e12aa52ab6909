package dev.belay.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labs go to memory only where it is a tmpfs they can run their stand-in commands from. */
class ScenarioWorkDirTest {

    @TempDir
    Path shm;
    @TempDir
    Path tmp;

    @Test
    void aWritableTmpfsThatAllowsExecutingIsPicked() {
        assertThat(ScenarioWorkDir.pick(shm, tmp, List.of("proc /proc proc rw 0 0",
                "tmpfs " + shm + " tmpfs rw,nosuid,nodev,size=24684084k 0 0"))).isEqualTo(shm.resolve("belay-test"));
    }

    @Test
    void noexecAnotherFileSystemOrNoMountAtAllFallsBackToTheTemporaryDirectory() {
        Path fallback = tmp.resolve("belay-test");
        assertThat(ScenarioWorkDir.pick(shm, tmp, List.of("tmpfs " + shm + " tmpfs rw,nosuid,nodev,noexec 0 0")))
                .isEqualTo(fallback);
        assertThat(ScenarioWorkDir.pick(shm, tmp, List.of("/dev/vda " + shm + " ext4 rw,relatime 0 0")))
                .isEqualTo(fallback);
        assertThat(ScenarioWorkDir.pick(shm, tmp, List.of())).isEqualTo(fallback);
        // the last mount on a path is the one in force
        assertThat(ScenarioWorkDir.pick(shm, tmp, List.of("tmpfs " + shm + " tmpfs rw 0 0",
                "tmpfs " + shm + " tmpfs rw,noexec 0 0"))).isEqualTo(fallback);
        assertThat(ScenarioWorkDir.pick(shm.resolve("absent"), tmp, List.of("tmpfs " + shm.resolve("absent")
                + " tmpfs rw 0 0"))).isEqualTo(fallback);
    }
}
