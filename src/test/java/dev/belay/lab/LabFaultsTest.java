package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lab's infrastructure faults and host power, seen through real SSH. */
@Timeout(90)
class LabFaultsTest {

    @TempDir
    Path dir;
    PracticeLab lab;
    final EchoPlayer[] player = new EchoPlayer[1];

    private PracticeLab start(LabConfig config) throws IOException {
        lab = PracticeLab.start(config, Sandbox.BWRAP, EchoPlayer.factory(player));
        return lab;
    }

    @AfterEach
    void stop() throws IOException {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aHostThatGoesDownDropsItsConnectionsAndRefusesLoginsUntilItIsBack() throws Exception {
        start(new LabConfig(dir, 2, 0));
        try (SSHClient shellClient = LabClient.connect(lab, "lab-1"); SSHClient execClient = LabClient.connect(lab, "lab-1");
             SSHClient other = LabClient.connect(lab, "lab-2")) {
            Session shellSession = shellClient.startSession();
            shellSession.allocatePTY("xterm", 80, 24, 0, 0, Map.of());
            Session.Shell shell = shellSession.startShell();
            Session.Command cmd = execClient.startSession().exec("echo started; sleep 30");
            InputStream out = cmd.getInputStream();
            assertThat(new String(out.readNBytes(8))).isEqualTo("started\n");

            player[0].powerDown("lab-1");

            assertThat(awaitDisconnected(execClient)).as("the exec's connection dropped").isTrue();
            assertThat(awaitDisconnected(shellClient)).as("the shell's connection dropped").isTrue();
            assertThat(shell.isOpen()).isFalse();
            assertThat(lab.connections("lab-1")).isZero();
            assertThat(LabClient.exec(other, "hostname").stdout()).isEqualTo("lab-2\n");
        }
        assertThatThrownBy(() -> LabClient.connect(lab, "lab-1").close())
                .as("a down host refuses logins").isInstanceOf(UserAuthException.class);

        player[0].powerUp("lab-1");
        assertThat(LabClient.exec(lab, "lab-1", "echo back").stdout()).isEqualTo("back\n");
    }

    @Test
    void connectionDropCutsCommandsMidWayAndLiveInjectionDropsOpenShells() throws Exception {
        start(new LabConfig(dir, 2, 0, List.of(Fault.parse("connection-drop@lab-2")), 1.0));
        try (SSHClient ssh = LabClient.connect(lab, "lab-2")) {
            Session.Command cmd = ssh.startSession().exec("echo begun; sleep 20; echo never");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                cmd.getInputStream().transferTo(got);
            } catch (IOException e) {
                // sshj may report the dropped connection as an error rather than an end of stream
            }
            assertThat(got.toString()).isEqualTo("begun\n");
            assertThat(awaitDisconnected(ssh)).as("the connection dropped mid-command").isTrue();
            assertThat(cmd.getExitStatus()).isNull();
        }
        assertThat(LabClient.exec(lab, "lab-1", "echo fine").exitStatus()).isZero();

        try (SSHClient ssh = LabClient.connect(lab, "lab-1")) {
            Session session = ssh.startSession();
            session.allocatePTY("xterm", 80, 24, 0, 0, Map.of());
            Session.Shell shell = session.startShell();
            lab.inject(Fault.parse("connection-drop@lab-1"));
            assertThat(awaitDisconnected(ssh)).as("injected live: the open shell's connection drops").isTrue();
            assertThat(shell.isOpen()).isFalse();
        }
        assertThat(lab.faults()).extracting(Fault::toString).containsExactly("connection-drop@lab-2", "connection-drop@lab-1");
    }

    private static boolean awaitDisconnected(SSHClient ssh) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ssh.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !ssh.isConnected();
    }

    @Test
    void aFullDiskRefusesWritesWhileTheHostsFilesStayReadable() throws Exception {
        start(new LabConfig(dir, 2, 0));
        assertThat(LabClient.exec(lab, "lab-1", "echo kept > /root/notes").exitStatus()).isZero();
        lab.inject(Fault.parse("disk-full@lab-1"));

        LabClient.Result r = LabClient.exec(lab, "lab-1",
                "cat /root/notes /etc/hostname; cp /etc/hostname /root/copy; bash -c 'echo more > /root/more'; "
                        + "dd if=/dev/zero of=/var/tmp/new bs=4k count=1 2>&1 | head -1; df -h /var | tail -1");
        assertThat(r.stdout()).startsWith("kept\nlab-1\n").contains("No space left on device").contains("100%");
        assertThat(r.stderr()).contains("/root/copy").contains("write error: No space left on device");
        assertThat(lab.hosts().get(0).home().resolve("notes")).hasContent("kept");
        assertThat(LabClient.exec(lab, "lab-2", "echo x > /root/ok && cat /root/ok").stdout()).isEqualTo("x\n");
        // A small append that fits in the file's last page succeeds on a full disk, as on a real one,
        // and is kept: the next command reads it.
        assertThat(LabClient.exec(lab, "lab-1", "echo again >> /root/notes").exitStatus()).isZero();
        assertThat(LabClient.exec(lab, "lab-1", "cat /root/notes").stdout()).isEqualTo("kept\nagain\n");
        assertThat(lab.hosts().get(0).home().resolve("notes")).hasContent("kept\nagain");
        assertThat(LabClient.exec(lab, "lab-1", "echo new > /root/new-file").exitStatus()).isNotZero();
        assertThat(lab.hosts().get(0).home().resolve("new-file")).isEmptyFile(); // created, its data refused
        // On the full disk the command still runs in the login shell, leading its own process group.
        assertThat(LabClient.exec(lab, "lab-1", "set -o pipefail && kill -0 -$$ && echo leader").stdout())
                .isEqualTo("leader\n");
    }

    @Test
    void aSlowHostTakesFiveMoreSecondsOfLabTimePerCommand() throws Exception {
        start(new LabConfig(dir, 2, 0, List.of(Fault.parse("slow@lab-2")), 20));
        Instant before = lab.clock().now();
        assertThat(LabClient.exec(lab, "lab-2", "echo-played slow").stdout()).isEqualTo("lab-2: slow\n");
        assertThat(Duration.between(before, lab.clock().now())).isGreaterThanOrEqualTo(HostRuntime.SLOW_DELAY);
    }
}
