package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Played commands inside the sandbox: a shim forwards argv, piped stdin and the host to the lab's player. */
@Timeout(60)
class PlayedCommandsTest {

    @TempDir
    static Path dir;
    static PracticeLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir, 2, 0), Sandbox.BWRAP, EchoPlayer.factory(new EchoPlayer[1]));
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    @Test
    void aPlayedCommandAnswersWithItsHostArgsStderrAndExitStatus() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-2", "echo-played 'a b' c --err=oops --exit=3");
        assertThat(r.stdout()).isEqualTo("lab-2: a b c\n");
        assertThat(r.stderr()).isEqualTo("oops\n");
        assertThat(r.exitStatus()).isEqualTo(3);
    }

    @Test
    void playedCommandsWorkInPipesBothWays() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-1",
                "printf 'x\\ny\\n' | echo-played in | tr a-z A-Z | grep -c .; echo-played one two | awk '{print $3}'");
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("3\ntwo\n");
        assertThat(r.exitStatus()).isZero();
    }

    @Test
    void aBarePlayedCommandDoesNotWaitForTheChannelsStdin() throws IOException {
        // The channel's stdin stays open (no EOF is sent): the shim must not read it.
        try (SSHClient ssh = LabClient.connect(lab, "lab-1"); Session session = ssh.startSession()) {
            Session.Command cmd = session.exec("echo-played bare");
            String out = new String(cmd.getInputStream().readAllBytes());
            assertThat(out).isEqualTo("lab-1: bare\n");
        }
    }

    @Test
    void suRunsAServiceCommandAsTheSandboxUserWithTheServiceUsersEnvironment() throws IOException {
        // RDO's form: played commands inside it are still played, the pipe and the exit status pass through.
        LabClient.Result r = LabClient.exec(lab, "lab-2",
                "su -s /bin/sh -c \"echo-played db sync; echo \\$USER \\$LOGNAME \\$HOME; id -u; exit 4\" nova; echo rc=$?");
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("lab-2: db sync\nnova nova /var/lib/nova\n0\nrc=4\n");
        assertThat(LabClient.exec(lab, "lab-1", "su -s /bin/sh -c 'echo-played in' nova | tr a-z A-Z").stdout())
                .isEqualTo("LAB-1: IN\n");
    }

    @Test
    void suRefusesEveryOtherFormWithTheOneItPlays() throws IOException {
        for (String form : new String[] {"su - nova", "su nova -c 'true'", "su -s /bin/zsh -c true nova",
                "su -s /bin/sh -c true mallory", "su"}) {
            LabClient.Result r = LabClient.exec(lab, "lab-1", form + "; echo rc=$?");
            assertThat(r.stdout()).as(form).isEqualTo("rc=1\n");
            assertThat(r.stderr()).as(form).contains("the practice lab plays only 'su -s /bin/sh -c COMMAND USER'");
        }
    }

    @Test
    void theRealBinaryBehindAPlayedNameIsCoveredAndUnplayedInitToolsAreRefused() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-1", "command -v echo-played; systemctl is-active ssh; echo rc=$?");
        assertThat(r.stdout()).isEqualTo(Sandbox.SHIM_DIR + "/echo-played\nrc=127\n");
        assertThat(r.stderr()).contains("systemctl: not available on practice lab host lab-1");
    }
}
