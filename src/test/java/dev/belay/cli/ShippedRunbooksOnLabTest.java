package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.lab.Fault;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Galera, RabbitMQ and practice runbooks, run end to end by the real CLI ({@code belay run
 * --auto-confirm}) over SSH on a sandboxed three-host practice lab whose clock runs fast, so the
 * lab-time waits (state transfers, boots) take seconds. Each completes on a healthy lab and leaves
 * the cluster in the state read back with real commands; each stops at its gate under a fault.
 */
class ShippedRunbooksOnLabTest {

    /** Lab seconds per real second: a state transfer of tens of lab seconds takes well under one. */
    private static final double SPEED = 600;
    private static final String DB_PASS = "labpass";
    /**
     * The lab deploys Pike (dev.belay.lab.play.Kolla.STARTING_RELEASE); the runbooks' image vars
     * default to the procedure's Ocata, so the tests move the lab one release on, to Queens.
     */
    private static final String MARIADB_NOW = "kolla/centos-binary-mariadb:pike";
    private static final String MARIADB_NEXT = "kolla/centos-binary-mariadb:queens";
    /** The control plane's VIP in the lab's played network (dev.belay.lab.play.Network.VIP). */
    private static final String VIP = "10.0.0.250";

    @Test
    void galeraClusterUpgradeCompletes(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = lab(dir)) {
            Cli cli = run(lab, dir, "galera-cluster-upgrade", "--var", "vip=" + VIP, "--var", "db_pass=" + DB_PASS,
                    "--var", "mariadb_image=" + MARIADB_NEXT, "--var", "old_mariadb_image=" + MARIADB_NOW);
            assertCompleted(cli);
            for (String host : hosts(lab)) {
                String status = sql(lab, host, "SHOW STATUS LIKE 'wsrep_%'");
                assertThat(status).as(host).containsPattern("wsrep_cluster_size\\s+3\\b")
                        .containsPattern("wsrep_local_state_comment\\s+Synced")
                        .containsPattern("wsrep_cluster_status\\s+Primary");
                assertThat(exec(lab, host, "docker ps --filter name=^mariadb$ --format '{{.Image}}'"))
                        .as(host).contains(MARIADB_NEXT);
            }
            assertThat(exec(lab, "lab-1", "docker inspect mariadb --format '{{.Config.Env}}'"))
                    .doesNotContain("wsrep-new-cluster");
        }
    }

    /**
     * mariadb on lab-2 exits while it joins the new cluster: the join step on lab-2 never sees its
     * new container Up and Synced, the run stops there, and lab-3 keeps its old container. The shipped
     * runbook as it is: its hour of patience passes on the lab's clock, which a healthy join (a state
     * transfer of a lab minute) beats (galeraClusterUpgradeCompletes... above).
     */
    @Test
    void galeraClusterUpgradeStopsAtTheJoinerGateWhenTheJoinerCrashes(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = lab(dir, Fault.parse("galera-joiner-crash@lab-2"))) {
            Cli cli = run(lab, dir, "galera-cluster-upgrade", "--var", "vip=" + VIP, "--var", "db_pass=" + DB_PASS,
                    "--var", "mariadb_image=" + MARIADB_NEXT, "--var", "old_mariadb_image=" + MARIADB_NOW);
            assertStopped(cli);
            assertThat(cli.out.toString()).contains("FAILED: join - failed on lab-2");
            // lab-3 was never started on the new image: its old container is still the only one.
            assertThat(exec(lab, "lab-3", "docker ps -a --format '{{.Names}} {{.Image}}'"))
                    .contains("mariadb " + MARIADB_NOW).doesNotContain(MARIADB_NEXT);
        }
    }

    @Test
    void galeraRecoveryRecoversAFullOutage(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = lab(dir, Fault.parse("galera-no-safe-bootstrap"))) {
            Cli cli = run(lab, dir, "galera-recovery", "--var", "db_pass=" + DB_PASS);
            assertCompleted(cli);
            for (String host : hosts(lab)) {
                String status = sql(lab, host, "SHOW STATUS LIKE 'wsrep_%'");
                assertThat(status).as(host).containsPattern("wsrep_cluster_size\\s+3\\b")
                        .containsPattern("wsrep_local_state_comment\\s+Synced");
                assertThat(exec(lab, host, "docker inspect mariadb --format '{{.Config.Env}}'"))
                        .as(host).doesNotContain("wsrep-new-cluster");
            }
        }
    }

    /**
     * A full outage, and lab-2's mariadb exits again while it rejoins: the start-others step never
     * sees lab-2 Synced, the run stops there and lab-3 is never started. The shipped runbook as it is
     * (its two hours of patience pass on the lab's clock).
     */
    @Test
    void galeraRecoveryStopsWhenARejoiningNodeCrashes(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = lab(dir, Fault.parse("galera-no-safe-bootstrap"), Fault.parse("galera-joiner-crash@lab-2"))) {
            Cli cli = run(lab, dir, "galera-recovery", "--var", "db_pass=" + DB_PASS);
            assertStopped(cli);
            assertThat(cli.out.toString()).contains("FAILED: start-others - failed on lab-2");
            assertThat(exec(lab, "lab-3", "docker ps -a --filter name=^mariadb$ --format '{{.Status}}'"))
                    .startsWith("Exited");
        }
    }

    @Test
    void rabbitmqClusterUpgradeCompletes(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = lab(dir)) {
            Cli cli = run(lab, dir, "rabbitmq-cluster-upgrade", "--var", "rabbitmq_image=kolla/centos-binary-rabbitmq:queens");
            assertCompleted(cli);
            String status = exec(lab, "lab-1", "docker exec rabbitmq rabbitmqctl cluster_status").replaceAll("\\s", "");
            for (String host : hosts(lab)) {
                assertThat(status).as(host).containsPattern("\\{running_nodes,\\[[^]]*'rabbit@" + host + "'");
                assertThat(exec(lab, host, "docker ps --filter name=^rabbitmq$ --format '{{.Image}}'"))
                        .as(host).contains("kolla/centos-binary-rabbitmq:queens");
            }
        }
    }

    /**
     * lab-2 comes back as a cluster of one. The start step on lab-2 passes (its node runs), so only
     * the gate can notice: the running nodes seen from lab-1 did not grow by one. The run stops
     * there and lab-3 is never started. The shipped runbook as it is: the gate's patience passes on
     * the lab's clock.
     */
    @Test
    void rabbitmqClusterUpgradeStopsAtTheStartGateWhenANodeFormsItsOwnCluster(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = lab(dir, Fault.parse("rabbitmq-rejoin-fails@lab-2"))) {
            Cli cli = run(lab, dir, "rabbitmq-cluster-upgrade", "--var", "rabbitmq_image=kolla/centos-binary-rabbitmq:queens");
            assertStopped(cli);
            assertThat(cli.out.toString()).contains("gate").contains("grew_by_one=yes");
            assertThat(exec(lab, "lab-3", "docker ps -a --format '{{.Names}}'")).doesNotContain("rabbitmq");
            assertThat(exec(lab, "lab-2", "docker exec rabbitmq rabbitmqctl cluster_status").replaceAll("\\s", ""))
                    .contains("{running_nodes,['rabbit@lab-2']}");
        }
    }

    @Test
    void practiceUpgradeStillCompletes(@TempDir Path dir) throws Exception {
        try (PracticeLab lab = lab(dir)) {
            Cli cli = run(lab, dir, "practice-upgrade");
            assertCompleted(cli);
        }
    }

    private static PracticeLab lab(Path dir, Fault... faults) throws IOException {
        return PracticeLab.start(new LabConfig(dir.resolve("lab"), 3, 0, List.of(faults), SPEED));
    }

    private static List<String> hosts(PracticeLab lab) {
        List<String> names = new ArrayList<>();
        lab.hosts().forEach(h -> names.add(h.name()));
        return names;
    }

    private static Cli run(PracticeLab lab, Path dir, String runbook, String... vars) {
        return runFile(lab, dir, Path.of("runbooks", runbook + ".yaml"), vars);
    }

    private static Cli runFile(PracticeLab lab, Path dir, Path runbook, String... vars) {
        List<String> args = new ArrayList<>(List.of("run", "--inventory", lab.inventoryPath().toString(),
                "--auto-confirm", "--rehearsal", "--db", "jdbc:h2:file:" + dir.resolve("audit/belay")));
        args.addAll(List.of(vars));
        args.add(runbook.toString());
        Cli cli = new Cli();
        long t0 = System.nanoTime();
        int exit = cli.run(args.toArray(String[]::new));
        System.out.printf("%s: exit %d after %d ms at lab speed %.0f%n", runbook.getFileName(), exit,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), SPEED);
        cli.exit = exit;
        return cli;
    }

    private static void assertCompleted(Cli cli) {
        assertThat(cli.exit).as(cli.out + "\n" + cli.err).isZero();
        assertThat(cli.out.toString()).contains("run succeeded");
    }

    private static void assertStopped(Cli cli) {
        assertThat(cli.exit).as(cli.out + "\n" + cli.err).isNotZero();
        assertThat(cli.out.toString()).doesNotContain("run succeeded");
    }

    private static String sql(PracticeLab lab, String host, String query) throws IOException {
        return exec(lab, host, "docker exec mariadb mysql -uroot -p" + DB_PASS + " -e \"" + query + "\"");
    }

    /** One command on a lab host over real SSH, trusting only the lab's own host key. */
    private static String exec(PracticeLab lab, String host, String command) throws IOException {
        try (SSHClient ssh = new SSHClient()) {
            ssh.setConnectTimeout(15_000);
            ssh.setTimeout(15_000);
            ssh.addHostKeyVerifier(new OpenSSHKnownHosts(lab.knownHostsPath().toFile()));
            ssh.connect(PracticeLab.ADDRESS, lab.port());
            ssh.authPublickey(host, ssh.loadKeys(lab.clientKeyPath().toString()));
            try (Session session = ssh.startSession()) {
                Session.Command cmd = session.exec(command);
                String out = IOUtils.readFully(cmd.getInputStream()).toString(StandardCharsets.UTF_8);
                cmd.join(15, TimeUnit.SECONDS);
                return out;
            }
        }
    }
}
