#!/usr/bin/env bash
# Run view responsiveness: the real run view on a real stage (Xvfb) follows the real engine while
# HOSTS hosts print LINES lines each (an in-process transport: the view is measured, not SSH). A ping
# goes to the FX thread every 10 ms; prints its latency p50/p99/max idle and while streaming, and the
# ratio. Usage: bench/runview.sh [HOSTS] [LINES]   (default 200 400; installs xvfb and GTK if missing; root)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
[ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libgtk-3.so.0 ] || need+=(libgtk-3-0 libgl1 libxtst6)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec xvfb-run -a -s "-screen 0 1400x900x24" java -Xmx1g -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.belay.ui.run.bench.RunViewBenchmark "$@"
