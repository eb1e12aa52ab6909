package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One lab serves a hundred hosts, each answering on its own connection. */
@Timeout(120)
class ManyHostsTest {

    @TempDir
    Path dir;

    @Test
    void aHundredHostsEachAnswerAnExec() throws Exception {
        try (PracticeLab lab = PracticeLab.start(new LabConfig(dir, 100, 0))) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (LabHost host : lab.hosts()) {
                    answers.add(pool.submit(() -> LabClient.exec(lab, host.name(), "echo $BELAY_HOST").stdout()));
                }
                List<String> names = new ArrayList<>();
                for (Future<String> answer : answers) {
                    names.add(answer.get(60, TimeUnit.SECONDS).strip());
                }
                assertThat(names).isEqualTo(lab.hosts().stream().map(LabHost::name).toList());
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
