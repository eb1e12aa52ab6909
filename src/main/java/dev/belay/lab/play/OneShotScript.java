package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker run --entrypoint /bin/bash IMAGE -c 'kolla_set_configs && SERVICE-manage db_sync --expand'}:
 * the one shell form a one-shot Kolla container runs in the runbooks, a chain of simple commands
 * joined by {@code &&}. {@code kolla_set_configs} copies the service's configuration (nothing to
 * show); a service's database sync ({@code keystone-manage db_sync [--expand|--migrate|--contract]},
 * {@code glance-manage db_sync}, {@code nova-manage db sync}...) migrates its schema to the image's
 * release, as a Kolla bootstrap container does; any other played command runs as itself. The chain
 * stops at the first command that fails, with its status, as {@code &&} does. Anything else (pipes,
 * redirections, {@code ;}) is refused by name rather than run outside the container.
 */
final class OneShotScript {

    private OneShotScript() {
    }

    /** Whether {@code cmd} is {@code sh|bash -c SCRIPT}. */
    static boolean matches(List<String> cmd) {
        return cmd.size() == 3 && (cmd.get(0).equals("bash") || cmd.get(0).equals("sh")) && cmd.get(1).equals("-c");
    }

    static PlayResult run(Call call, Cluster cluster, String image, String script) throws InterruptedException {
        if (script.matches(".*[|;<>`$].*")) {
            return PlayResult.fail(126, "lab: a one-shot container's script is played only as commands joined by "
                    + "`&&`; not: " + script + "\n");
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String part : script.split("&&")) {
            List<String> words = words(part);
            if (words.isEmpty()) {
                return new PlayResult(out.toString(), err + "bash: -c: syntax error near unexpected token `&&'\n", 2);
            }
            PlayResult r = step(call, cluster, image, words);
            out.append(r.stdout());
            err.append(r.stderr());
            if (r.exitCode() != 0) {
                return new PlayResult(out.toString(), err.toString(), r.exitCode());
            }
        }
        return new PlayResult(out.toString(), err.toString(), 0);
    }

    private static PlayResult step(Call call, Cluster cluster, String image, List<String> words)
            throws InterruptedException {
        String exe = words.get(0).substring(words.get(0).lastIndexOf('/') + 1);
        if (exe.equals("kolla_set_configs")) {
            return PlayResult.ok("");
        }
        boolean dbSync = exe.endsWith("-manage") && words.size() > 1
                && (words.get(1).equals("db_sync") || words.size() > 2 && words.get(1).equals("db")
                        && words.get(2).equals("sync"));
        if (dbSync) {
            return KollaDbSync.run(cluster, call.host(), Kolla.serviceOf(image), DockerPlay.tagOf(image));
        }
        if (!cluster.commands().contains(exe)) {
            return PlayResult.fail(127, "bash: " + exe + ": command not found\n");
        }
        List<String> argv = new ArrayList<>(words);
        argv.set(0, exe);
        return cluster.dispatch(call.as(argv));
    }

    /** Splits on blanks, keeping single- or double-quoted words whole (without their quotes). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
