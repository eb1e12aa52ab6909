package dev.belay.audit.bundle;

import dev.belay.audit.AuditEvent;
import dev.belay.audit.LoggedEvent;
import dev.belay.audit.AuditStore;
import dev.belay.audit.EventType;
import dev.belay.audit.ReportFormat;
import dev.belay.audit.RunReport;
import dev.belay.audit.VerifyResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The evidence of one run in one zip a reviewer can take away and open with a browser: the HTML,
 * Markdown and JSON reports, every terminal recording (asciicast for {@code asciinema play}, and as
 * plain text), the runbook file with its hash, the inventory with its secrets masked, the output of
 * {@code audit verify}, a {@code SHA256SUMS} of every file, and an {@code index.html} linking them.
 * The zip is written to a temporary file beside the target and moved into place when complete.
 */
public final class EvidenceBundle {

    /** The content hashes the runbook file gives now (RUN_STARTED records one of them); empty when they cannot be computed. */
    @FunctionalInterface
    public interface RunbookHash {
        List<String> of(Path runbookFile);

        RunbookHash NONE = file -> List.of();
    }

    /** One file of the bundle, as the index lists it. */
    public record Entry(String name, String what, byte[] bytes) {
        public String sha256() {
            return EvidenceBundle.sha256(bytes);
        }
    }

    /** What was written: the zip and its entries in order. */
    public record Written(Path zip, List<Entry> entries) { }

    private EvidenceBundle() {
    }

    /** Writes the bundle of {@code runId}; empty when the log has no such run. */
    public static Optional<Written> write(AuditStore store, String runId, Path zip, RunbookHash hash) throws IOException {
        Optional<RunReport> loaded = RunReport.load(store, runId);
        if (loaded.isEmpty()) {
            return Optional.empty();
        }
        RunReport report = loaded.get();
        List<Entry> entries = new ArrayList<>();
        entries.add(text("report.html", "the run report (self-contained HTML)", ReportFormat.HTML.render(report)));
        entries.add(text("report.md", "the run report (Markdown)", ReportFormat.MD.render(report)));
        entries.add(text("report.json", "the run's chained events with their hashes (JSON)", ReportFormat.JSON.render(report)));
        List<IndexPage.Recording> recordings = recordings(report, entries);
        LoggedEvent.RunStarted started = report.timeline().stream().map(AuditEvent::event)
                .filter(LoggedEvent.RunStarted.class::isInstance).map(LoggedEvent.RunStarted.class::cast)
                .findFirst().orElseThrow();
        IndexPage.Source runbook = runbook(started, hash, entries);
        IndexPage.Source inventory = inventory(started, entries);
        String verify = verify(store, report);
        entries.add(text("verify.txt", "the output of 'belay audit verify' when the bundle was made", verify));
        StringBuilder sums = new StringBuilder();
        entries.forEach(e -> sums.append(e.sha256()).append("  ").append(e.name()).append('\n'));
        entries.add(text("SHA256SUMS", "SHA-256 of every file above ('sha256sum -c SHA256SUMS')", sums.toString()));
        String index = IndexPage.render(report, entries, recordings, runbook, inventory, verify);
        entries.add(0, text("index.html", "this page", index));
        zip(zip, entries);
        return Optional.of(new Written(zip, List.copyOf(entries)));
    }

    private static List<IndexPage.Recording> recordings(RunReport report, List<Entry> entries) {
        List<IndexPage.Recording> out = new ArrayList<>();
        java.util.Map<String, String> sealedHashes = new java.util.HashMap<>(); // TERMINAL_CLOSED seals each recording
        report.timeline().stream().map(AuditEvent::event).filter(LoggedEvent.TerminalClosed.class::isInstance)
                .map(LoggedEvent.TerminalClosed.class::cast)
                .forEach(e -> sealedHashes.put(e.recordingId(), e.sha256()));
        int n = 1;
        for (RunReport.CastFile c : report.recordings()) {
            String base = String.format("recordings/%02d-%s", n++, safe(c.ref().targetHost()));
            byte[] cast = c.cast().getBytes(StandardCharsets.UTF_8);
            entries.add(new Entry(base + ".cast", "terminal recording on " + c.ref().targetHost()
                    + " (asciicast v2: asciinema play " + base.substring(11) + ".cast)", cast));
            entries.add(text(base + ".txt", "what that terminal showed, as text", CastText.output(c.cast())));
            String sealed = sealedHashes.getOrDefault(c.ref().id(), c.ref().sha256());
            out.add(new IndexPage.Recording(c.ref(), base + ".cast", base + ".txt", sha256(cast),
                    sealed == null || sealed.isBlank() ? null : sealed.equals(sha256(cast))));
        }
        return out;
    }

    private static IndexPage.Source runbook(LoggedEvent.RunStarted started, RunbookHash hash, List<Entry> entries) {
        String recorded = started.contentHash();
        Path file = pathOf(started.runbookPath());
        if (file == null || !Files.isRegularFile(file)) {
            return new IndexPage.Source(started.runbookPath(), null, null, recorded, null, 0,
                    "the runbook file is no longer at the path the run recorded");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            String name = "runbook/" + safe(file.getFileName().toString());
            entries.add(new Entry(name, "the runbook file as it is now", bytes));
            List<String> now = hash.of(file);
            return new IndexPage.Source(file.toString(), name, sha256(bytes), recorded,
                    now.isEmpty() ? null : now.contains(recorded), 0, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new IndexPage.Source(file.toString(), null, null, recorded, null, 0, "cannot read it: " + e);
        }
    }

    private static IndexPage.Source inventory(LoggedEvent.RunStarted started, List<Entry> entries) {
        String recorded = started.inventoryPath();
        Path file = pathOf(recorded);
        if (file == null || !Files.isRegularFile(file)) {
            return new IndexPage.Source(recorded, null, null, null, null, 0,
                    "the inventory file is no longer at the path the run recorded");
        }
        try {
            InventoryText.Masked masked = InventoryText.mask(Files.readString(file, StandardCharsets.UTF_8));
            String name = "inventory/" + safe(file.getFileName().toString());
            entries.add(text(name, "the inventory as it is now, " + masked.count() + " secret value(s) masked",
                    masked.text()));
            return new IndexPage.Source(file.toString(), name, null, null, null, masked.count(), masked.text());
        } catch (IOException | RuntimeException e) {
            return new IndexPage.Source(recorded, null, null, null, null, 0, "cannot read it as text: " + e);
        }
    }

    /** The same words as {@code belay audit verify}, then where this run sits in the chain. */
    private static String verify(AuditStore store, RunReport report) {
        VerifyResult result = store.verify();
        String where = store.location().replaceAll("(?i)(password=)[^&;]*", "$1******"); // a JDBC URL may carry one
        StringBuilder v = new StringBuilder("$ belay audit verify   (" + where + ")\n");
        if (result instanceof VerifyResult.Intact ok) {
            v.append("OK: ").append(ok.count()).append(" events, chain intact. Head hash ").append(ok.headHash()).append('\n');
        } else if (result instanceof VerifyResult.Broken broken) {
            v.append("TAMPERED: first bad event is #").append(broken.seq()).append(": ").append(broken.reason()).append('\n');
        }
        List<AuditEvent> t = report.timeline();
        if (!t.isEmpty()) {
            AuditEvent last = t.get(t.size() - 1);
            v.append("\nThis run: ").append(t.size()).append(" events, #").append(t.get(0).seq()).append(" to #")
                    .append(last.seq()).append("; its last event's hash is ").append(last.hash()).append('\n');
        }
        return v.toString();
    }

    private static void zip(Path target, List<Entry> entries) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".bundle-", ".zip.part");
        try {
            try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(os)) {
                for (Entry e : entries) {
                    z.putNextEntry(new ZipEntry(e.name()));
                    z.write(e.bytes());
                    z.closeEntry();
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Entry text(String name, String what, String text) {
        return new Entry(name, what, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path pathOf(String text) {
        try {
            return text == null || text.isBlank() ? null : Path.of(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A file name safe in a zip on every system: host names and file names keep letters, digits, '.', '_', '-'. */
    static String safe(String name) {
        String s = name == null ? "unknown" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
