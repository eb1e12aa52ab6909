package dev.belay.ui.terminal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU from Linux's /proc/stat, and this JVM's from /proc/self/stat, in clock ticks
 * (USER_HZ, 100 a second): on two cores a round cannot take less wall time than the CPU everything
 * running meanwhile needs, halved, so a round that used the machine's every tick is bound by what
 * runs, ours and not ours (the server side of a loopback login: sshd, the shell, the command).
 */
record MachineCpu(long busy, long total, long jvm) {

    private static final double TICK = 0.01;

    /** Now; all zeros where /proc cannot be read (then every figure reads 0). */
    static MachineCpu now() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long all = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) { // user .. steal; guest time is counted in user already
                all += Long.parseLong(cpu[i]);
            }
            String self = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = self.substring(self.lastIndexOf(')') + 2).split(" ");
            long jvm = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            return new MachineCpu(all - idle, all, jvm);
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(0, 0, 0);
        }
    }

    /** "machine busy 0.46 of 0.50 CPU-s (92%): this JVM 0.31, other processes 0.15" since {@code before}. */
    String since(MachineCpu before) {
        long b = busy - before.busy;
        long t = total - before.total;
        long j = jvm - before.jvm;
        return String.format("machine busy %.2f of %.2f CPU-s (%.0f%%): this JVM %.2f, other processes %.2f",
                b * TICK, t * TICK, t == 0 ? 0 : 100.0 * b / t, j * TICK, (b - j) * TICK);
    }
}
