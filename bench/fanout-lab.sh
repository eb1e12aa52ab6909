#!/usr/bin/env bash
# Fan-out benchmark: `true` on every host of a practice lab, sequential vs a bounded pool.
# Usage: bench/fanout-lab.sh [hosts=200] [threads=32] [rounds=3]   (prints times and the ratio)
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.belay.lab.bench.FanOutBenchmark "$@"
