package dev.belay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.audit.AuditStore;
import dev.belay.audit.Recording;
import dev.belay.inventory.Host;
import dev.belay.inventory.Inventory;
import dev.belay.inventory.InventoryFiles;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code belay audit bundle}: a real run on the practice lab (through an Ansible INI inventory holding
 * a secret), a terminal recording, then the zip, opened and checked entry by entry as a reviewer would.
 */
class EvidenceBundleTest {

    private static final String RUNBOOK = """
            id: bundle-me
            title: Leave evidence
            component: test
            revision: 2
            roles:
              controllers: { min: 1, groups: [control] }
            steps:
              - id: touch
                title: Touch a file
                on: controllers
                run: echo evidence > evidence.txt && cat evidence.txt
                expect: [ { contains: evidence } ]
            """;

    @TempDir
    static Path dir;
    static PracticeLab lab;
    static String db;
    static String runId;
    static Path runbook;

    @BeforeAll
    static void runOnTheLab() throws IOException {
        lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), 1, 0));
        Inventory inv = InventoryFiles.load(lab.inventoryPath()).value();
        Host h = inv.hosts().values().iterator().next();
        Path hosts = Files.writeString(dir.resolve("hosts"), "[control]\n" + h.name() + " ansible_host=" + h.address()
                + " ansible_port=" + h.port() + " ansible_user=" + h.user() + " ansible_ssh_private_key_file="
                + h.identity() + "\n\n[all:vars]\nansible_become_pass=hunter2-secret\nbelay_environment=staging\n");
        runbook = Files.writeString(dir.resolve("bundle-me.yaml"), RUNBOOK);
        db = AuditStore.h2Url(dir.resolve("audit"));
        Cli cli = new Cli();
        int code = cli.run("run", runbook.toString(), "--inventory", hosts.toString(), "--db", db, "--known-hosts",
                lab.knownHostsPath().toString(), "--operator", "dana");
        assertThat(code).as(cli.out + "\n" + cli.err).isZero();
        Matcher m = Pattern.compile("^run (\\S+):", Pattern.MULTILINE).matcher(cli.out.toString());
        assertThat(m.find()).isTrue();
        runId = m.group(1);
        try (AuditStore store = AuditStore.open(db); Recording rec = store.startRecording(runId, h.name(), 80, 24,
                h.name() + " shell")) {
            rec.output("\u001B[1m$ \u001B[0m");
            rec.input("cat evidence.txt\r");
            rec.output("cat evidence.txt\r\nevidence\r\n$ ");
            dev.belay.audit.NewEvent closed = dev.belay.audit.NewEvent.of(runId,
                    dev.belay.audit.Operator.current("dana"), h.name(), dev.belay.audit.EventType.TERMINAL_CLOSED);
            closed.payload().put("recordingId", rec.id()).put("sha256", rec.finish().sha256());
            store.append(closed);
        }
    }

    @AfterAll
    static void stopLab() throws IOException {
        lab.close();
    }

    @Test
    void theZipHoldsEveryPieceOfEvidenceAndTheIndexLinksResolve() throws Exception {
        Path zip = dir.resolve("out/evidence.zip");
        Cli cli = new Cli();
        assertThat(cli.run("audit", "bundle", runId, "--out", zip.toString(), "--db", db)).as(cli.err.toString()).isZero();
        Map<String, String> files = unzip(zip);
        assertThat(files).containsKeys("index.html", "report.html", "report.md", "report.json", "verify.txt",
                "SHA256SUMS", "runbook/bundle-me.yaml", "inventory/hosts", "recordings/01-lab-1.cast",
                "recordings/01-lab-1.txt");
        String index = files.get("index.html");
        Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(index);
        int links = 0;
        while (href.find()) {
            assertThat(files).as("link " + href.group(1)).containsKey(href.group(1));
            links++;
        }
        assertThat(links).isGreaterThanOrEqualTo(files.size());
        assertThat(index).contains("Evidence of run " + runId, "Succeeded", "staging",
                "it is the runbook that ran", "intact", "matches</span> the hash in TERMINAL_CLOSED");
        assertThat(files.get("report.html")).contains(runId, "bundle-me");
        assertThat(files.get("report.md")).contains(runId);
        assertThat(files.get("report.json")).contains("\"hash\"");
        assertThat(files.get("runbook/bundle-me.yaml")).isEqualTo(RUNBOOK);
        assertThat(index).contains(sha256(RUNBOOK.getBytes(StandardCharsets.UTF_8)));
        assertThat(files.get("inventory/hosts")).contains("ansible_become_pass=******").doesNotContain("hunter2");
        assertThat(String.join("\n", files.values())).doesNotContain("hunter2-secret");
        assertThat(files.get("verify.txt")).contains("OK: ", "chain intact", "This run: ");
        assertThat(files.get("recordings/01-lab-1.cast")).startsWith("{").contains("\"o\"");
        assertThat(files.get("recordings/01-lab-1.txt")).isEqualTo("$ cat evidence.txt\nevidence\n$ ");
        for (String line : files.get("SHA256SUMS").split("\n")) {
            String[] parts = line.split("  ", 2);
            assertThat(sha256(files.get(parts[1]).getBytes(StandardCharsets.UTF_8))).as(parts[1]).isEqualTo(parts[0]);
        }
    }

    @Test
    void aTamperedLogAndAChangedRunbookShowInTheBundle() throws Exception {
        Path copy = dir.resolve("tampered");
        Files.createDirectories(copy);
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
            s.execute("SCRIPT TO '" + copy.resolve("dump.sql") + "'");
        }
        String url = AuditStore.h2Url(copy.resolve("audit"));
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("RUNSCRIPT FROM '" + copy.resolve("dump.sql") + "'");
            s.executeUpdate("UPDATE events SET operator_name = 'mallory' WHERE seq = 2");
        }
        Path zip = copy.resolve("evidence.zip");
        Cli cli = new Cli();
        assertThat(cli.run("audit", "bundle", runId, "--out", zip.toString(), "--db", url)).isZero();
        Map<String, String> files = unzip(zip);
        assertThat(files.get("verify.txt")).contains("TAMPERED: first bad event is #2");
        assertThat(files.get("index.html")).contains("BROKEN");

        assertThat(cli.run("audit", "bundle", "no-such-run", "--out", zip.toString(), "--db", url)).isEqualTo(1);
        assertThat(cli.err.toString()).contains("no run 'no-such-run'");
    }

    private static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                out.put(e.getName(), new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
