package dev.belay.lab.play;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RabbitPlayTest {

    private static final String STATUS = "docker exec rabbitmq rabbitmqctl cluster_status";
    private static final String RUN_NEW = "docker run -d --name rabbitmq --net host --restart unless-stopped "
            + "-v rabbitmq:/var/lib/rabbitmq/ -e KOLLA_CONFIG_STRATEGY=COPY_ALWAYS kolla/centos-binary-rabbitmq:queens";

    private final LabFixture lab = new LabFixture(3);

    @AfterEach
    void close() {
        lab.close();
    }

    /** What the runbooks compute: {@code tr -d ' \n' | grep -o '{running_nodes,\[[^]]*\]' | grep -o 'rabbit@' | wc -l}. */
    private int runningCount(String host) {
        String flat = lab.out(host, STATUS).replace(" ", "").replace("\n", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{running_nodes,\\[[^]]*]").matcher(flat);
        assertTrue(m.find(), flat);
        return m.group().split("rabbit@", -1).length - 1;
    }

    private void awaitWaiting(String host) throws InterruptedException {
        RabbitPlay rabbit = lab.cluster.play(RabbitPlay.class);
        // bounded by time, not by a count of 10 ms naps: the command runs on a pool thread that a loaded
        // machine may start late
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!rabbit.waitingForTables(host) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(rabbit.waitingForTables(host), host + " should be waiting for tables");
    }

    @Test
    void clusterStatusIsThe36ErlangTerm() {
        assertEquals("Cluster status of node 'rabbit@lab-1' ...\n"
                + "[{nodes,[{disc,['rabbit@lab-1','rabbit@lab-2','rabbit@lab-3']}]},\n"
                + " {running_nodes,['rabbit@lab-3','rabbit@lab-2','rabbit@lab-1']},\n"
                + " {cluster_name,<<\"rabbit@lab-1\">>},\n"
                + " {partitions,[]},\n"
                + " {alarms,[{'rabbit@lab-3',[]},{'rabbit@lab-2',[]},{'rabbit@lab-1',[]}]}]\n", lab.out("lab-1", STATUS));
        String status = lab.out("lab-2", "docker exec rabbitmq rabbitmqctl status");
        assertTrue(status.startsWith("Status of node 'rabbit@lab-2' ...\n[{pid,"), status);
        assertTrue(status.contains("{rabbit,\"RabbitMQ\",\"3.6.10\"}"), status);
        assertTrue(status.contains("\n {alarms,[]},\n"), status);
    }

    @Test
    void aBrokerStoppedByAStartFaultIsStillADiscMemberThatIsDown() {
        try (LabFixture faulted = new LabFixture(3, "container-exits@lab-2:rabbitmq")) {
            String status = faulted.out("lab-1", STATUS);
            assertTrue(status.contains("{disc,['rabbit@lab-1','rabbit@lab-2','rabbit@lab-3']}"), status);
            assertTrue(status.contains("{running_nodes,['rabbit@lab-3','rabbit@lab-1']}"), status);
        }
    }

    @Test
    void stopAppLeavesTheNodeOutOfRunningNodesEverywhere() {
        assertEquals("Stopping rabbit application on node 'rabbit@lab-2' ...\n",
                lab.out("lab-2", "docker exec rabbitmq rabbitmqctl stop_app"));
        assertEquals(2, runningCount("lab-1"));
        assertEquals(2, runningCount("lab-3"));
        assertEquals("Starting node 'rabbit@lab-2' ...\n", lab.out("lab-2", "docker exec rabbitmq rabbitmqctl start_app"));
        assertEquals(3, runningCount("lab-1"));
    }

    @Test
    void theLastNodeToStopMustStartFirst() throws Exception {
        lab.out("lab-1", "docker stop rabbitmq");
        lab.out("lab-2", "docker stop rabbitmq");
        lab.out("lab-3", "docker stop rabbitmq");
        // lab-1 stopped first: its start waits for the tables of the last one (lab-3).
        lab.out("lab-1", "docker start rabbitmq");
        assertEquals(0, runningCount("lab-1"));
        lab.pass(Duration.ofSeconds(60));
        lab.out("lab-3", "docker start rabbitmq");
        assertEquals(2, runningCount("lab-1"), "lab-1 came up together with lab-3");

        lab.out("lab-2", "docker stop rabbitmq");
        lab.out("lab-1", "docker stop rabbitmq");
        lab.out("lab-3", "docker stop rabbitmq");
        lab.out("lab-2", "docker start rabbitmq");
        lab.pass(RabbitPlay.TABLE_WAIT);
        assertEquals("exited 1\n", lab.out("lab-2", "docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' rabbitmq"));
        String log = lab.run("lab-2", "docker logs rabbitmq").stderr();
        assertTrue(log.contains("BOOT FAILED\n===========\n\nTimeout contacting cluster nodes: ['rabbit@lab-1','rabbit@lab-3']."),
                log);
    }

    @Test
    void startAppBlocksUntilTheLastNodeOrTimesOut() throws Exception {
        lab.out("lab-1", "docker exec rabbitmq rabbitmqctl stop_app");
        lab.out("lab-2", "docker exec rabbitmq rabbitmqctl stop_app");
        lab.out("lab-3", "docker exec rabbitmq rabbitmqctl stop_app");
        CompletableFuture<PlayResult> waiting = CompletableFuture.supplyAsync(
                () -> lab.run("lab-1", "docker exec rabbitmq rabbitmqctl start_app"));
        awaitWaiting("lab-1");
        assertFalse(waiting.isDone(), "start_app waits for the last node's tables");
        lab.pass(RabbitPlay.TABLE_WAIT);
        PlayResult r = waiting.get(30, TimeUnit.SECONDS);
        assertEquals(2, r.exitCode());
        assertEquals("Starting node 'rabbit@lab-1' ...\n", r.stdout());
        assertTrue(r.stderr().startsWith("Error: {timeout_waiting_for_tables,[rabbit_user,rabbit_user_permission,"), r.stderr());

        CompletableFuture<PlayResult> second = CompletableFuture.supplyAsync(
                () -> lab.run("lab-2", "docker exec rabbitmq rabbitmqctl start_app"));
        awaitWaiting("lab-2");
        lab.out("lab-3", "docker exec rabbitmq rabbitmqctl start_app");
        assertEquals(0, second.get(30, TimeUnit.SECONDS).exitCode(), "lab-3 was the last to stop: lab-2 follows it");
        assertEquals(2, runningCount("lab-3"));
    }

    /** The shipped rabbitmq-cluster-upgrade runbook, step by step. */
    @Test
    void wipedMnesiaFormsAFreshClusterOneNodeAtATime() {
        for (String h : List.of("lab-1", "lab-2", "lab-3")) {
            lab.out(h, "docker pull kolla/centos-binary-rabbitmq:queens");
        }
        assertTrue(lab.out("lab-1", "docker exec rabbitmq rabbitmqctl list_queues -p / name messages consumers")
                .contains("\nnotifications.info\t17\t0\n"));
        for (String h : List.of("lab-1", "lab-2", "lab-3")) {
            lab.out(h, "docker stop rabbitmq");
            assertTrue(lab.out(h, "docker ps -a --filter name=^rabbitmq$ --format '{{.Status}}'").startsWith("Exited"));
        }
        for (String h : List.of("lab-1", "lab-2", "lab-3")) {
            lab.out(h, "docker rm rabbitmq");
            lab.cluster.files().delete(h, RabbitPlay.MNESIA);
        }
        lab.out("lab-1", RUN_NEW);
        assertEquals(1, runningCount("lab-1"));
        lab.out("lab-2", RUN_NEW);
        lab.out("lab-3", RUN_NEW);
        assertEquals(3, runningCount("lab-1"));
        assertTrue(lab.out("lab-2", STATUS).contains("{partitions,[]}"));
        assertEquals("Listing policies ...\n", lab.out("lab-1", "docker exec rabbitmq rabbitmqctl list_policies"),
                "the policy went with mnesia");
        assertEquals("Setting policy \"ha-all\" for pattern \"^(?!amq\\\\.).*\" to \"{\\\"ha-mode\\\":\\\"all\\\"}\" "
                        + "with priority \"0\" ...\n",
                lab.out("lab-1", "docker exec rabbitmq rabbitmqctl set_policy ha-all '^(?!amq\\.).*' "
                        + "'{\"ha-mode\":\"all\"}' --apply-to all"));
        assertEquals("Listing policies ...\n/\tha-all\tall\t^(?!amq\\.).*\t{\"ha-mode\":\"all\"}\t0\n",
                lab.out("lab-3", "docker exec rabbitmq rabbitmqctl list_policies"));
        assertEquals("Listing queues ...\n", lab.out("lab-1", "docker exec rabbitmq rabbitmqctl list_queues"),
                "queues come back when the services reconnect");
        lab.pass(Duration.ofMinutes(1));
        assertTrue(lab.out("lab-1", "docker exec rabbitmq rabbitmqctl list_queues").contains("\nconductor\t0\n"));
        assertTrue(lab.out("lab-1", "docker exec rabbitmq rabbitmqctl status").contains("\"3.6.15\""));
    }

    @Test
    void aFullDiskRaisesTheNodesDiskAlarm() {
        lab.inject("disk-full@lab-2");
        String status = lab.out("lab-2", "docker exec rabbitmq rabbitmqctl status");
        assertTrue(status.contains("\n {alarms,[disk]},\n"), status);
        assertTrue(status.contains("{disk_free,31457280}"), "below the 50 MB limit: " + status);
        assertTrue(lab.out("lab-1", "docker exec rabbitmq rabbitmqctl status").contains("\n {alarms,[]},\n"),
                "lab-1's disk is fine");
        assertTrue(lab.out("lab-1", STATUS).contains("{'rabbit@lab-2',[disk]}"), lab.out("lab-1", STATUS));
    }

    @Test
    void rejoinFailsFaultLeavesTheHostAClusterOfOne() {
        lab.inject("rabbitmq-rejoin-fails@lab-2");
        assertEquals(3, runningCount("lab-1"), "nothing happens until lab-2's broker starts again");
        lab.out("lab-2", "docker restart rabbitmq");
        assertEquals(1, runningCount("lab-2"));
        assertTrue(lab.out("lab-2", STATUS).contains("{nodes,[{disc,['rabbit@lab-2']}]}"));
        assertEquals(2, runningCount("lab-1"));
        assertTrue(lab.out("lab-1", STATUS).contains("{disc,['rabbit@lab-1','rabbit@lab-2','rabbit@lab-3']}"),
                "the others still list it as a member that does not run");
    }

    @Test
    void forgetClusterNodeRemovesOnlyAStoppedMember() {
        PlayResult active = lab.run("lab-1", "docker exec rabbitmq rabbitmqctl forget_cluster_node rabbit@lab-3");
        assertEquals(2, active.exitCode());
        assertTrue(active.stderr().startsWith("Error: {failed_to_remove_node,'rabbit@lab-3',{active,\"Mnesia is running\""),
                active.stderr());
        lab.out("lab-3", "docker stop rabbitmq");
        assertEquals("Removing node 'rabbit@lab-3' from cluster ...\n",
                lab.out("lab-1", "docker exec rabbitmq rabbitmqctl forget_cluster_node rabbit@lab-3"));
        assertTrue(lab.out("lab-2", STATUS).contains("{disc,['rabbit@lab-1','rabbit@lab-2']}"));
        PlayResult down = lab.run("lab-3", "rabbitmqctl cluster_status");
        assertEquals(2, down.exitCode());
        assertTrue(down.stderr().startsWith("Error: unable to connect to node 'rabbit@lab-3': nodedown\n"), down.stderr());
    }
}
