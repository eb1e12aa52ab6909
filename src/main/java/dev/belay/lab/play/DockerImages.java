package dev.belay.lab.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code docker pull|images|rmi}: a host's local images. */
final class DockerImages {

    private final DockerPlay docker;

    DockerImages(DockerPlay docker) {
        this.docker = docker;
    }


    PlayResult pull(String host, List<String> args) throws PlayFailure {
        List<String> refs = args.stream().filter(a -> !a.startsWith("-")).toList();
        if (refs.size() != 1) {
            throw new PlayFailure(1, "\"docker pull\" requires exactly 1 argument.\nSee 'docker pull --help'.");
        }
        return PlayResult.ok(pullOutput(host, refs.get(0)));
    }

    String pullOutput(String host, String ref) throws PlayFailure {
        String full = DockerPlay.withTag(ref);
        String repo = DockerPlay.repoOf(full);
        String tag = DockerPlay.tagOf(full);
        if (!repo.contains("/") || !Kolla.servesTag(tag)) {
            throw new PlayFailure(1, "Error response from daemon: manifest for " + full + " not found");
        }
        StringBuilder out = new StringBuilder(tag + ": Pulling from " + repo + "\n");
        boolean had = docker.hasImage(host, full);
        if (!had) {
            // Layers: the CentOS base is shared by every Kolla image; the service's own layers are new.
            out.append("af4b0a2388c6: Already exists\n").append("a8d1a3c4d7b5: Already exists\n");
            String h = DockerPlay.idOf(full);
            out.append(h, 0, 12).append(": Pull complete\n").append(h, 12, 24).append(": Pull complete\n");
        }
        out.append("Digest: sha256:").append(DockerPlay.idOf("digest/" + full)).append('\n');
        out.append(had ? "Status: Image is up to date for " + full + "\n"
                : "Status: Downloaded newer image for " + full + "\n");
        docker.addImage(host, full);
        return out.toString();
    }

    PlayResult images(String host, List<String> args) {
        boolean quiet = args.contains("-q") || args.contains("--quiet");
        TabWriter tw = new TabWriter(20);
        tw.row("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE");
        StringBuilder q = new StringBuilder();
        List<String> refs;
        synchronized (docker) {
            refs = new ArrayList<>(docker.imagesOn(host));
        }
        for (String ref : refs) {
            String id = DockerPlay.idOf(ref).substring(0, 12);
            tw.row(DockerPlay.repoOf(ref) + "\t" + DockerPlay.tagOf(ref) + "\t" + id + "\t" + "3 weeks ago" + "\t" + "1.02GB");
            q.append(id).append('\n');
        }
        return PlayResult.ok(quiet ? q.toString() : tw.render());
    }

    PlayResult rmi(String host, List<String> args) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            String ref = DockerPlay.withTag(a);
            synchronized (docker) {
                Set<String> mine = docker.imagesOn(host);
                String user = docker.containersOn(host).values().stream()
                        .filter(k -> k.imageRef.equals(ref)).map(k -> k.id.substring(0, 12)).findFirst().orElse(null);
                if (!mine.contains(ref)) {
                    err.append("Error: No such image: ").append(a).append('\n');
                } else if (user != null) {
                    err.append("Error response from daemon: conflict: unable to remove repository reference \"")
                            .append(a).append("\" (must force) - container ").append(user)
                            .append(" is using its referenced image ").append(DockerPlay.idOf(ref), 0, 12).append('\n');
                } else {
                    mine.remove(ref);
                    out.append("Untagged: ").append(ref).append('\n')
                            .append("Deleted: sha256:").append(DockerPlay.idOf(ref)).append('\n');
                }
            }
        }
        return new PlayResult(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

}
