#!/usr/bin/env bash
# Run view responsiveness: the real run view on a real stage (Xvfb) follows the real engine while
# HOSTS hosts print LINES lines each (an in-process transport: the view is measured, not SSH). A ping
# goes to the FX thread every 10 ms; prints its latency p50/p99/max idle and while streaming, the
# ratio, and the FX thread's CPU per wall second.
# Usage: bench/runview.sh [HOSTS] [LINES]   (default 200 400; installs xvfb and GTK if missing; root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/fx-java.sh
fx_bench dev.belay.ui.run.bench.RunViewBenchmark "$@"
