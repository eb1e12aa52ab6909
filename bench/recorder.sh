#!/usr/bin/env bash
# The terminal recorder alone (no terminal, no SSH): 20 MB of base64 and `seq 1 300000` recorded through
# `Recording` into a new H2 file per round; prints the recording thread's CPU, the process's and H2's own threads'.
#   bench/recorder.sh [ROUNDS] [STORAGE...]   storage: schema (the column as migrated; default), binary
#                                             (changed to H2's BINARY VARYING first, for comparison)
# Environment: BELAY_BENCH_OPTS, e.g. "-Dfeeds=base64 -Dbase64.piece=65536" (64 K handovers instead of 1 M).
# Work files go to a temp dir, removed after. Needs a JDK 17 and Maven; nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
# No -o: on a fresh machine Maven fetches what its cache lacks; with a warm cache it stays offline anyway.
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
work=$(mktemp -d /tmp/belay-recorder-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
java -Xmx1g ${BELAY_BENCH_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.belay.audit.bench.RecorderBenchmark "$work" "${1:-4}" "${@:2}"
