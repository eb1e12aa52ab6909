#!/usr/bin/env bash
# Audit benchmark (not a test): durable appends/s on H2 (1 and 4 writers), and list-runs /
# open-timeline times on 1,000 runs x 1,000 events against a 10-run baseline.
# Usage: bench/audit.sh [RUNS] [EVENTS_PER_RUN]   (work files go to a temp dir, removed after)
set -euo pipefail
cd "$(dirname "$0")/.."
# No -o: on a fresh machine Maven fetches what its cache lacks; with a warm cache it stays offline anyway.
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
work=$(mktemp -d /tmp/belay-audit-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.belay.audit.bench.AuditBenchmark "$work" "${1:-1000}" "${2:-1000}"
