package dev.belay.ssh.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConfigResolverTest {
    @TempDir
    Path dir;

    private ResolvedTarget resolve(String config, SshTarget target) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, config);
        return new SshConfigResolver(file, List.of(dir.resolve("id_default"))).resolve(target);
    }

    @Test
    void firstMatchingValueWinsAndTheTargetSpecBeatsTheConfig() throws Exception {
        String config = "Host db?\n  HostName 10.0.0.5\n  User dba\n\nHost *\n  User nobody\n  Port 2222\n"
                + "  HostName ignored\n";
        ResolvedTarget fromConfig = resolve(config, SshTarget.of("db1"));
        assertThat(fromConfig.host()).isEqualTo("10.0.0.5");
        assertThat(fromConfig.user()).isEqualTo("dba");
        assertThat(fromConfig.port()).isEqualTo(2222);
        assertThat(fromConfig.identities()).containsExactly(dir.resolve("id_default"));

        ResolvedTarget spec = resolve(config, SshTarget.of("db1").withUser("ops").withPort(22022)
                .withIdentity(dir.resolve("mine")));
        assertThat(spec.user()).isEqualTo("ops");
        assertThat(spec.port()).isEqualTo(22022);
        assertThat(spec.identities()).containsExactly(dir.resolve("mine"));
    }

    @Test
    void unmatchedHostKeepsOpenSshDefaults() throws Exception {
        ResolvedTarget t = resolve("Host web-*\n  Port 2200\n", SshTarget.of("db.example"));
        assertThat(t.host()).isEqualTo("db.example");
        assertThat(t.port()).isEqualTo(22);
        assertThat(t.user()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void proxyJumpBecomesAResolvedChain() throws Exception {
        ResolvedTarget t = resolve("Host app\n  ProxyJump ops@bastion:2022,inner\nHost inner\n  HostName 10.1.1.1\n",
                SshTarget.of("app"));
        assertThat(t.jumps()).extracting(ResolvedTarget::label)
                .containsExactly("ops@bastion:2022", System.getProperty("user.name") + "@10.1.1.1:22");
        assertThat(resolve("Host app\n  ProxyJump none\n", SshTarget.of("app")).jumps()).isEmpty();
    }

    @Test
    void explicitJumpsInTheSpecOverrideProxyJump() throws Exception {
        ResolvedTarget t = resolve("Host app\n  ProxyJump elsewhere\n",
                SshTarget.of("app").via(SshTarget.of("mine").withPort(2)));
        assertThat(t.jumps()).extracting(ResolvedTarget::host).containsExactly("mine");
    }
}
