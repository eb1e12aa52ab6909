#!/usr/bin/env bash
# Terminal throughput: ~20 MB of base64 into a JediTermFX terminal on the practice lab, recorded to H2.
# Prints the time to the last line on screen, to the sealed recording, and the FX thread's longest
# stall, against a bare PTY read in the same run; then the same for `seq 1 300000` (short lines).
# Per feed a cold round (not counted), then 3 pairs of a bare read and a terminal round
# (BENCH_JAVA_OPTS=-Dbench.rounds=N for N); ends with a table of the medians. Usage: bench/terminal.sh [base64] [seq]   (no argument: both feeds;
# installs xvfb, GTK and bubblewrap if missing; root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/fx-java.sh
EXTRA_PACKAGES=bubblewrap fx_bench dev.belay.ui.terminal.bench.TerminalThroughputBenchmark "$@"
