package dev.belay.lab.play;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The running kernel and the power commands: {@code uname}, {@code reboot}, {@code shutdown},
 * {@code kexec} and {@code getenforce}. A reboot never happens inside the command: the command
 * returns first (as the real one does before the connection drops), the host goes down a moment
 * later on the lab clock and boots again after its boot time.
 */
final class KernelPlay implements Play {

    static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(2);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    @Override
    public Set<String> commands() {
        return Set.of("uname", "reboot", "shutdown", "kexec", "getenforce");
    }

    @Override
    public PlayResult run(Call call) {
        return switch (call.command()) {
            case "uname" -> uname(call);
            case "reboot" -> {
                call.cluster().reboots().schedule(call.host(), SHUTDOWN_DELAY, false);
                yield PlayResult.ok("");
            }
            case "shutdown" -> shutdown(call);
            case "kexec" -> kexec(call);
            default -> PlayResult.ok("Enforcing\n");
        };
    }

    static String buildOf(String kernel) {
        if (kernel.startsWith("4.18.0-147.el8")) {
            return "#1 SMP Wed Dec 4 21:51:45 UTC 2019";
        }
        return kernel.startsWith("3.10.0-693") ? "#1 SMP Tue Aug 22 21:09:27 UTC 2017" : "#1 SMP Tue Nov 22 16:42:41 UTC 2016";
    }

    private PlayResult uname(Call call) {
        String kernel = call.cluster().hostOs().runningKernel(call.host());
        List<String> a = call.args();
        if (a.isEmpty() || a.contains("-s")) {
            return PlayResult.ok("Linux\n");
        }
        if (a.contains("-a") || a.contains("--all")) {
            return PlayResult.ok("Linux " + call.host() + " " + kernel + " " + buildOf(kernel)
                    + " x86_64 x86_64 x86_64 GNU/Linux\n");
        }
        StringBuilder out = new StringBuilder();
        for (String opt : a) {
            String part = switch (opt) {
                case "-r", "--kernel-release" -> kernel;
                case "-n", "--nodename" -> call.host();
                case "-m", "-p", "-i", "--machine" -> "x86_64";
                case "-v", "--kernel-version" -> buildOf(kernel);
                case "-o", "--operating-system" -> "GNU/Linux";
                default -> null;
            };
            if (part == null) {
                return PlayResult.fail(1, "uname: invalid option -- '" + opt.replace("-", "") + "'\n"
                        + "Try 'uname --help' for more information.\n");
            }
            out.append(out.length() == 0 ? "" : " ").append(part);
        }
        return PlayResult.ok(out + "\n");
    }

    /** {@code shutdown -r now|+N|HH:MM [message]}, {@code shutdown -c}; systemd 219 wording. */
    private PlayResult shutdown(Call call) {
        Reboots reboots = call.cluster().reboots();
        String h = call.host();
        List<String> a = call.args();
        if (a.contains("-c")) {
            reboots.cancel(h);
            return PlayResult.ok("");
        }
        boolean reboot = a.contains("-r") || a.contains("--reboot");
        String when = a.stream().filter(x -> !x.startsWith("-")).findFirst().orElse("+1");
        Duration delay;
        if (when.equals("now")) {
            delay = SHUTDOWN_DELAY;
        } else if (when.matches("\\+\\d+")) {
            delay = Duration.ofMinutes(Long.parseLong(when.substring(1)));
        } else {
            return PlayResult.fail(1, "Failed to parse time specification: " + when + "\n");
        }
        if (!reboot) {
            // A powered-off lab host would never come back: the lab plays reboots only.
            return PlayResult.fail(1, "lab: only 'shutdown -r' is played; a powered-off lab host could not be powered on again\n");
        }
        if (delay.isZero() || delay.equals(SHUTDOWN_DELAY)) {
            reboots.schedule(h, SHUTDOWN_DELAY, false);
            return PlayResult.ok("");
        }
        reboots.cancel(h);
        reboots.schedule(h, delay, false);
        Instant at = call.cluster().clock().now().plus(delay);
        return new PlayResult("", "Shutdown scheduled for " + WHEN.format(at) + ", use 'shutdown -c' to cancel.\n", 0);
    }

    /** {@code kexec -l KERNEL [--initrd=..] [--reuse-cmdline]}, {@code kexec -e}, {@code kexec -u}. */
    private PlayResult kexec(Call call) {
        HostOs os = call.cluster().hostOs();
        String h = call.host();
        List<String> a = call.args();
        if (a.contains("-l") || a.contains("--load")) {
            int i = Math.max(a.indexOf("-l"), a.indexOf("--load"));
            String path = i + 1 < a.size() ? a.get(i + 1) : "";
            String kernel = path.replaceFirst("^/boot/vmlinuz-", "");
            String version = kernel.replaceFirst("\\.x86_64$", "");
            if (!path.startsWith("/boot/vmlinuz-") || !os.kernels(h).contains(version)) {
                return PlayResult.fail(255, "Cannot open `" + path + "': No such file or directory\n");
            }
            os.loadKexec(h, kernel);
            return PlayResult.ok("");
        }
        if (a.contains("-u") || a.contains("--unload")) {
            os.loadKexec(h, null);
            return PlayResult.ok("");
        }
        if (a.contains("-e") || a.contains("--exec")) {
            if (os.kexecLoaded(h) == null) {
                return PlayResult.fail(255, "Nothing has been loaded!\n");
            }
            // kexec -e jumps at once, without stopping services cleanly; the lab lets the command return first.
            call.cluster().reboots().schedule(h, Duration.ofSeconds(1), true);
            return PlayResult.ok("");
        }
        return PlayResult.fail(255, "kexec: no action given (use -l, -e or -u)\n");
    }
}
