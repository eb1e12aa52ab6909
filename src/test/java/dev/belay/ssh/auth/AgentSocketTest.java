package dev.belay.ssh.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentSocketTest {
    private static final Path HOME = Path.of("/home/op");
    private static final Map<String, String> ENV = Map.of("SSH_AUTH_SOCK", "/tmp/ssh-x/agent.1", "MY_AGENT", "/run/a.sock");

    @Test
    void followsOpenSshRules() {
        assertThat(AgentSocket.locate(null, ENV, HOME)).contains(Path.of("/tmp/ssh-x/agent.1"));
        assertThat(AgentSocket.locate(null, Map.of(), HOME)).isEmpty();
        assertThat(AgentSocket.locate("none", ENV, HOME)).isEmpty();
        assertThat(AgentSocket.locate("SSH_AUTH_SOCK", ENV, HOME)).contains(Path.of("/tmp/ssh-x/agent.1"));
        assertThat(AgentSocket.locate("$MY_AGENT", ENV, HOME)).contains(Path.of("/run/a.sock"));
        assertThat(AgentSocket.locate("${MY_AGENT}", ENV, HOME)).contains(Path.of("/run/a.sock"));
        assertThat(AgentSocket.locate("~/.1password/agent.sock", ENV, HOME))
                .contains(Path.of("/home/op/.1password/agent.sock"));
        assertThat(AgentSocket.locate("\"/var/run/agent.sock\"", ENV, HOME)).isEqualTo(Optional.of(Path.of("/var/run/agent.sock")));
    }
}
