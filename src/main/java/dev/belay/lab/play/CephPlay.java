package dev.belay.lab.play;

import java.util.Set;

final class CephPlay implements Play {
    @Override
    public Set<String> commands() {
        return Set.of();
    }

    @Override
    public PlayResult run(Call call) {
        return PlayResult.fail(1, "");
    }
}
