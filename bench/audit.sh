#!/usr/bin/env bash
# Audit benchmarks (not tests).
#   bench/audit.sh                 verify of 1M events: in-process and the real `belay audit verify`,
#                                  with ratios to a plain SHA-256 of the same rows and to a bare table scan
#   bench/audit.sh verify [N]      the same for N events
#   bench/audit.sh appends [RUNS] [EVENTS_PER_RUN]
#                                  durable appends/s (1 and 4 writers, bursts), list-runs / open-timeline times
# Work files go to a temp dir, removed after. Needs a JDK 17 and Maven; nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
# No -o: on a fresh machine Maven fetches what its cache lacks; with a warm cache it stays offline anyway.
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
work=$(mktemp -d /tmp/belay-audit-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
what=${1:-verify}
case "$what" in
  verify)
    # The installed command's way too: packaging/belay.sh on the jar with its class-data sharing archive.
    mvn -q -B package -DskipTests >/dev/null
    packaging/belay-cds.sh java "$PWD/target/belay.jar" "$PWD/target/belay.jsa"
    BELAY_LAUNCHER="$PWD/packaging/belay.sh" BELAY_APP_DIR="$PWD/target" BELAY_JAVA=java \
      java -Xmx1g -cp "$cp" dev.belay.audit.bench.VerifyBenchmark "$work" "${2:-1000000}" "target/classes:$(cat target/bench.classpath)" ;;
  appends) java -Xmx2g -cp "$cp" dev.belay.audit.bench.AuditBenchmark "$work" "${2:-1000}" "${3:-1000}" ;;
  *) echo "usage: bench/audit.sh [verify [N] | appends [RUNS] [EVENTS_PER_RUN]]" >&2; exit 2 ;;
esac
