package dev.belay.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PracticeLabTest {

    @TempDir
    static Path dir;
    static PracticeLab lab;

    @BeforeAll
    static void startLab() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir, 3, 0));
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    @Test
    void eachHostRunsCommandsInItsOwnHome() throws IOException {
        for (LabHost host : lab.hosts()) {
            LabClient.Result r = LabClient.exec(lab, host.name(), "echo $HOME; pwd; echo $BELAY_HOST $USER; hostname; "
                    + "echo " + host.name() + " > /root/me");
            assertThat(r.stdout()).isEqualTo("/root\n/root\n" + host.name() + " root\n" + host.name() + "\n");
            assertThat(Files.readString(host.home().resolve("me"))).isEqualTo(host.name() + "\n");
            assertThat(r.exitStatus()).isZero();
        }
        assertThat(lab.hosts()).extracting(LabHost::name).containsExactly("lab-1", "lab-2", "lab-3");
    }

    @Test
    void theClusterIsPlayedInsideTheSandboxWithItsFilesForRealCat() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-2",
                "docker ps --format '{{.Names}}' | grep -cx mariadb; cat /etc/redhat-release; "
                        + "cat /proc/sys/kernel/random/boot_id; test -f /var/lib/mysql/grastate.dat && echo grastate");
        assertThat(r.stdout()).as(r.stderr()).startsWith("1\nCentOS Linux release ").contains("\ngrastate\n");
    }

    @Test
    void aFileWrittenOnOneHostIsNotOnAnother() throws IOException {
        assertThat(LabClient.exec(lab, "lab-1", "echo one > note.txt").exitStatus()).isZero();

        assertThat(LabClient.exec(lab, "lab-1", "cat note.txt").stdout()).isEqualTo("one\n");
        LabClient.Result other = LabClient.exec(lab, "lab-2", "cat note.txt");
        assertThat(other.exitStatus()).isNotZero();
        assertThat(other.stderr()).contains("note.txt");
        assertThat(Files.exists(lab.hosts().get(1).home().resolve("note.txt"))).isFalse();
    }

    @Test
    void exitStatusAndStderrComeBackSeparately() throws IOException {
        LabClient.Result r = LabClient.exec(lab, "lab-3", "echo out; echo oops >&2; exit 7");

        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("oops\n");
        assertThat(r.exitStatus()).isEqualTo(7);
    }

    @Test
    void stdinReachesTheCommand() throws IOException {
        try (SSHClient ssh = LabClient.connect(lab, "lab-1");
             var session = ssh.startSession()) {
            var cmd = session.exec("tr a-z A-Z");
            cmd.getOutputStream().write("quiet\n".getBytes());
            cmd.getOutputStream().close();
            String out = new String(cmd.getInputStream().readAllBytes());
            assertThat(out).isEqualTo("QUIET\n");
        }
    }

    @Test
    void closingTheChannelKillsTheCommand() throws Exception {
        try (SSHClient ssh = LabClient.connect(lab, "lab-2");
             var session = ssh.startSession()) {
            var cmd = session.exec("sleep 30101 & echo $!; wait");
            new BufferedReader(new InputStreamReader(cmd.getInputStream())).readLine();
            assertThat(LabClient.awaitProcess("sleep 30101", 10)).isPresent();
        }
        assertThat(LabClient.awaitGone("sleep 30101", 10)).as("sleep outlived its channel").isTrue();
    }

    @Test
    void onlyTheLabKeyAndKnownHostNamesGetIn() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabClient.connect(lab, "root").close())
                .isInstanceOf(UserAuthException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabClient.connect(lab, "lab-4").close())
                .isInstanceOf(UserAuthException.class);
    }

    @Test
    void inventoryListsEveryHostWithRolesAtTheLabPort() throws IOException {
        JsonNode inv = new YAMLMapper().readTree(lab.inventoryPath().toFile());

        assertThat(inv.get("environment").asText()).isEqualTo("lab");
        assertThat(inv.get("defaults").get("port").asInt()).isEqualTo(lab.port());
        assertThat(inv.get("defaults").get("identity").asText()).isEqualTo(lab.clientKeyPath().toString());
        assertThat(inv.get("hosts").fieldNames()).toIterable().containsExactly("lab-1", "lab-2", "lab-3");
        JsonNode lab2 = inv.get("hosts").get("lab-2");
        assertThat(lab2.get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(lab2.get("user").asText()).isEqualTo("lab-2");
        assertThat(inv.get("defaults").get("known_hosts").asText()).isEqualTo(lab.knownHostsPath().toString());
        assertThat(inv.get("roles").get("deployment")).as("the first host is the Kolla deploy host")
                .extracting(JsonNode::asText).containsExactly("lab-1");
        for (String role : LabTopology.ROLE_NAMES) {
            if (role.equals("deployment")) {
                continue;
            }
            assertThat(inv.get("roles").get(role)).as("3 hosts: every host has every role, " + role)
                    .extracting(JsonNode::asText).containsExactly("lab-1", "lab-2", "lab-3");
        }
    }

    @Test
    void knownHostsNamesTheLabPort() throws IOException {
        assertThat(Files.readString(lab.knownHostsPath()))
                .startsWith("[127.0.0.1]:" + lab.port() + " ecdsa-sha2-nistp256 ");
    }
}
