#!/usr/bin/env bash
# Checkpoint benchmark (not a test): the cost of one signed audit checkpoint (ed25519 key file and
# ssh-agent), and `audit verify` with checkpoints on a large log (default 1,000,000 events in runs of 500,
# a checkpoint at each run end). Needs ssh-keygen, ssh-agent, ssh-add.
# Usage: bench/checkpoints.sh [EVENTS] [EVENTS_PER_RUN]   (work files go to a temp dir, removed after)
set -euo pipefail
cd "$(dirname "$0")/.."
# No -o: on a fresh machine Maven fetches what its cache lacks; with a warm cache it stays offline anyway.
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
work=$(mktemp -d /tmp/belay-checkpoint-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.belay.audit.bench.CheckpointBenchmark "$work" "${1:-1000000}" "${2:-500}"
