#!/usr/bin/env bash
# Terminal throughput: ~20 MB of base64 into a JediTermFX terminal on the practice lab, recorded to H2.
# Prints the time to the last line on screen, to the sealed recording, and the FX thread's longest
# stall, against a bare PTY read in the same run; then the same for `seq 1 300000` (short lines).
# Ends with a summary table. Usage: bench/terminal.sh   (installs xvfb, GTK and bubblewrap if missing; root)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
[ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libgtk-3.so.0 ] || need+=(libgtk-3-0 libgl1 libxtst6)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec xvfb-run -a -s "-screen 0 1400x900x24" java -Xmx1g -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.belay.ui.terminal.bench.TerminalThroughputBenchmark "$@"
