package dev.belay.lab.play;

/** What a played command answers: its standard output, standard error and exit status. */
public record PlayResult(String stdout, String stderr, int exitCode) {

    public static PlayResult ok(String stdout) {
        return new PlayResult(stdout, "", 0);
    }

    public static PlayResult fail(int exitCode, String stderr) {
        return new PlayResult("", stderr, exitCode);
    }
}
