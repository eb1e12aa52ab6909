package dev.belay.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/** A plain sshj client for the lab, trusting only the host key in the lab's known_hosts file. */
final class LabClient {

    /** What one exec returned. */
    record Result(String stdout, String stderr, int exitStatus) {
    }

    private LabClient() {
    }

    static SSHClient connect(PracticeLab lab, String host) throws IOException {
        SSHClient ssh = new SSHClient();
        ssh.setConnectTimeout(15_000);
        ssh.setTimeout(15_000);
        ssh.addHostKeyVerifier(new OpenSSHKnownHosts(lab.knownHostsPath().toFile()));
        try {
            ssh.connect(PracticeLab.ADDRESS, lab.port());
            ssh.authPublickey(host, ssh.loadKeys(lab.clientKeyPath().toString()));
            return ssh;
        } catch (IOException e) {
            ssh.close();
            throw e;
        }
    }

    static Result exec(PracticeLab lab, String host, String command) throws IOException {
        try (SSHClient ssh = connect(lab, host)) {
            return exec(ssh, command);
        }
    }

    /**
     * The process on this machine whose command line is exactly {@code commandLine}. Lab commands run
     * in their own pid namespace, so the pid a lab shell prints ({@code $!}) is not the machine's.
     */
    static java.util.Optional<ProcessHandle> process(String commandLine) {
        // /proc/PID/cmdline, not ProcessHandle.info(): the JDK leaves the latter empty for processes
        // in another user namespace.
        return ProcessHandle.allProcesses()
                .filter(p -> commandLine.equals(cmdline(p.pid())))
                .findFirst();
    }

    private static String cmdline(long pid) {
        try {
            byte[] raw = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Waits (bounded) until a process runs {@code commandLine}: a background job's pid is printed
     * before the forked child has exec'd its command, so a first look may still see the shell.
     */
    static java.util.Optional<ProcessHandle> awaitProcess(String commandLine, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (process(commandLine).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return process(commandLine);
    }

    /** Waits (bounded) until no process runs {@code commandLine}; true if none is left. */
    static boolean awaitGone(String commandLine, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (process(commandLine).isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return process(commandLine).isEmpty();
    }

    static Result exec(SSHClient ssh, String command) throws IOException {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            String out = IOUtils.readFully(cmd.getInputStream()).toString(StandardCharsets.UTF_8);
            String err = IOUtils.readFully(cmd.getErrorStream()).toString(StandardCharsets.UTF_8);
            cmd.join(15, TimeUnit.SECONDS);
            Integer status = cmd.getExitStatus();
            if (status == null) {
                throw new IOException("no exit status from " + command);
            }
            return new Result(out, err, status);
        }
    }
}
