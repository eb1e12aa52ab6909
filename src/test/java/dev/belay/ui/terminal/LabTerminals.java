package dev.belay.ui.terminal;

import dev.belay.audit.AuditStore;
import dev.belay.audit.Operator;
import dev.belay.lab.LabConfig;
import dev.belay.lab.PracticeLab;
import dev.belay.ssh.exec.SshPool;
import dev.belay.ssh.trust.HostKeyListener;
import dev.belay.ssh.trust.HostKeyPrompt;
import dev.belay.ssh.auth.PassphrasePrompt;
import dev.belay.ssh.exec.SshSettings;
import dev.belay.ssh.auth.SshTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.testfx.util.WaitForAsyncUtils;

/** SSH settings and targets for the practice lab, and a bounded wait, shared by terminal tests. */
public final class LabTerminals {

    private LabTerminals() {
    }

    /** A practice lab with its audit store (run {@code run-1}), SSH pool and terminal tabs: what a terminal test stands on. */
    public record Rig(PracticeLab lab, AuditStore store, SshPool pool, TerminalTabs tabs) {

        public static Rig start(Path dir, int hosts, Operator operator) throws Exception {
            PracticeLab lab = PracticeLab.start(new LabConfig(dir.resolve("lab"), hosts, 0));
            AuditStore store = AuditStore.open(AuditStore.h2Url(dir.resolve("audit")));
            SshPool pool = new SshPool(settings(lab, dir));
            return new Rig(lab, store, pool, new TerminalTabs(pool, new TerminalAudit(store, "run-1", operator)));
        }

        /** Shows the tabs as the whole scene of {@code stage}, at the size the terminal tests measure against. */
        public void show(javafx.stage.Stage stage) {
            stage.setScene(new javafx.scene.Scene((javafx.scene.Parent) tabs.node(), 1000, 640));
            stage.show();
        }

        /** Closes the tabs (sealing their recordings), then the pool, the store and the lab. */
        public void close() throws Exception {
            onFx(() -> tabs.close()).get(20, TimeUnit.SECONDS);
            pool.close();
            store.close();
            lab.close();
        }
    }

    /** Trusts only the lab's host key; reads no real ~/.ssh. */
    public static SshSettings settings(PracticeLab lab, Path dir) {
        return settings(lab.knownHostsPath(), dir);
    }

    /** Trusts only the host keys in {@code knownHosts}; reads no real ~/.ssh (Belay's own files go in {@code dir}). */
    public static SshSettings settings(Path knownHosts, Path dir) {
        return new SshSettings(knownHosts, dir.resolve("belay_known_hosts"), dir.resolve("ssh_config"),
                List.of(), HostKeyPrompt.REJECT_ALL, PassphrasePrompt.NONE, HostKeyListener.NONE,
                Duration.ofSeconds(10), 5);
    }

    public static SshTarget target(PracticeLab lab, String host) {
        return new SshTarget(host, PracticeLab.ADDRESS, lab.port(), host, lab.clientKeyPath(), List.of(), null);
    }

    /** Polls {@code condition} until it holds or {@code seconds} pass. */
    public static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
    }

    public static <T> T onFx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX call failed", e);
        }
    }
}
