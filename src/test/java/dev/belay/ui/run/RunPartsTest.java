package dev.belay.ui.run;

import dev.belay.app.WindowEnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.engine.RunEvent;
import dev.belay.engine.RunStatus;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.runbook.Runbook;
import dev.belay.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run screens' plain parts: output tails, window end, lab fitting, environment colours, feed lines. */
class RunPartsTest {

    @Test
    void anOutputTailKeepsTheEndOfLongOutputAndSaysSo() {
        OutputTail tail = new OutputTail();
        for (int i = 0; i < 10_000; i++) {
            tail.append("line " + i);
        }
        assertThat(tail.length()).isLessThanOrEqualTo(OutputTail.MAX_CHARS);
        assertThat(tail.text()).startsWith("… (earlier output in the audit log)\nline ").endsWith("line 9999\n");
        long v = tail.version();
        tail.replace("done\n");
        assertThat(tail.text()).isEqualTo("done\n");
        assertThat(tail.version()).isGreaterThan(v);
    }

    @Test
    void theWindowEndIsTheNextTimeOfDayWithThatClockTime() {
        Instant now = Instant.parse("2026-11-25T22:00:00Z");
        assertThat(WindowEnd.parse("23:30", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-25T23:30:00Z"));
        assertThat(WindowEnd.parse("1:15", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-26T01:15:00Z"));
        assertThat(WindowEnd.parse("  ", now, ZoneOffset.UTC)).isNull();
        assertThat(WindowEnd.parse("23:30", now, ZoneId.of("Europe/Paris"))).isEqualTo(Instant.parse("2026-11-25T22:30:00Z"));
        assertThatThrownBy(() -> WindowEnd.parse("11pm", now, ZoneOffset.UTC)).hasMessageContaining("HH:MM");
        assertThatThrownBy(() -> WindowEnd.parse("25:99", now, ZoneOffset.UTC)).hasMessageContaining("00:00 to 23:59");
    }

    @Test
    void theLabGetsOneHostPerRoleMinimumAndEachRoleItsOwnHosts() {
        Runbook rb = new RunbookLoader().load("rb.yaml", """
                id: two-roles
                title: Two roles
                roles:
                  controllers: { min: 3 }
                  computes: { min: 1 }
                  spare: { min: 0 }
                steps:
                  - { id: a, title: A, on: controllers, run: "true" }
                """).value();
        assertThat(rb).isNotNull();
        assertThat(LabRoles.hostsNeeded(rb)).isEqualTo(5);
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            hosts.put("lab-" + i, new Host("lab-" + i, "127.0.0.1", "lab-" + i, 2222, null, null, Map.of()));
        }
        Inventory fitted = LabRoles.fit(new Inventory("lab", hosts, Map.of("controllers", List.of("lab-1")), Map.of()), rb);
        assertThat(fitted.roles()).containsEntry("controllers", List.of("lab-1", "lab-2", "lab-3"))
                .containsEntry("computes", List.of("lab-4")).containsEntry("spare", List.of("lab-5"));
    }

    @Test
    void environmentsHaveTheirColours() {
        assertThat(EnvironmentBadge.styleClass("production")).isEqualTo("env-production");
        assertThat(EnvironmentBadge.styleClass("PROD-eu")).isEqualTo("env-production");
        assertThat(EnvironmentBadge.styleClass("staging")).isEqualTo("env-staging");
        assertThat(EnvironmentBadge.styleClass("lab")).isEqualTo("env-lab");
        assertThat(EnvironmentBadge.styleClass("qa")).isEqualTo("env-other");
    }

    @Test
    void theFeedShowsDurableEventsAndLeavesOutputLinesOut() {
        Instant t = Instant.parse("2026-11-25T22:00:00Z");
        assertThat(EventFeed.line(new RunEvent.OutputLine(t, "s", "h", "x", false))).isNull();
        assertThat(EventFeed.line(new RunEvent.StepFinished(t, "backup", false, "exit 3"))).endsWith("✘ backup failed: exit 3");
        assertThat(EventFeed.line(new RunEvent.RunFinished(t, RunStatus.ROLLED_BACK, "rolled back")))
                .contains("run finished: rolled back");
    }

    @Test
    void aStepOnManyHostsNamesTheFirstFewInTheFeedAndCountsTheRest() {
        Instant t = Instant.parse("2026-11-25T22:00:00Z");
        List<String> few = List.of("web-1", "web-2", "web-3");
        assertThat(EventFeed.line(new RunEvent.StepStarted(t, "stream", "Stream", null, dev.belay.engine.Phase.MAIN, few)))
                .endsWith("▶ stream started on web-1, web-2, web-3");
        List<String> many = java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(i -> "web-" + i).toList();
        assertThat(EventFeed.line(new RunEvent.StepStarted(t, "stream", "Stream", null, dev.belay.engine.Phase.MAIN, many)))
                .endsWith("▶ stream started on 200 hosts: web-1, web-2, web-3, web-4, web-5, web-6, web-7 and 193 more");
    }

    @Test
    void anImportedInventoryIsWrittenInBelaysFormatAndReadsBackTheSame(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Inventory inv = new Inventory("staging",
                Map.of("bastion", new Host("bastion", "b.example.net", "ops", 22, null, null, Map.of()),
                        "db-1", new Host("db-1", "10.0.0.5", "root", 2222, "~/.ssh/id_ed25519", "bastion", Map.of("rack", "r1"))),
                Map.of("dbs", List.of("db-1")), Map.of("vip", "10.0.0.10"));
        Path file = InventoryWriter.write(inv, dir.resolve("inv.yaml"), "test");
        Inventory back = new dev.belay.inventory.InventoryLoader().load(file).value();
        assertThat(back).isNotNull();
        assertThat(back.environment()).isEqualTo("staging");
        assertThat(back.hosts()).isEqualTo(inv.hosts());
        assertThat(back.roles()).isEqualTo(inv.roles());
        assertThat(back.vars()).isEqualTo(inv.vars());
    }
}
