#!/usr/bin/env bash
# Terminal throughput: ~20 MB of base64 into a JediTermFX terminal on the practice lab, recorded to H2.
# Prints the time to the last line on screen, to the sealed recording, and the FX thread's longest
# stall, against a bare PTY read in the same run. Usage: bench/terminal.sh   (needs xvfb-run)
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec xvfb-run -a -s "-screen 0 1400x900x24" java -Xmx1g -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.belay.ui.terminal.bench.TerminalThroughputBenchmark "$@"
