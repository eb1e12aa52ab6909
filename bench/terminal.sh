#!/usr/bin/env bash
# Terminal throughput: ~20 MB of base64 into a JediTermFX terminal, recorded to H2, over SSH to
# Debian's OpenSSH on loopback as a light-shell user (bench/loopback-sshd.sh), as the issue measures.
# Prints the time to the last line on screen, to the sealed recording, and the FX thread's longest
# stall, against a bare PTY read in the same run; then the same for `seq 1 300000` (short lines).
# Per feed a cold round (not counted), then 3 pairs of a bare read and a terminal round
# (BENCH_JAVA_OPTS=-Dbench.rounds=N for N); ends with a table of the medians.
# BENCH_SERVER=lab serves the terminal from the practice lab instead, in the benchmark's own JVM (its
# SSH server's threads and their JIT then compete with the terminal for the two cores), as every run
# before 2026-12-02 did.
# Usage: bench/terminal.sh [base64] [seq]   (no argument: both feeds; installs xvfb, GTK, and
# openssh-server or, for the lab, bubblewrap, if missing; root)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/fx-java.sh
main=dev.belay.ui.terminal.bench.TerminalThroughputBenchmark
if [ "${BENCH_SERVER:-openssh}" = lab ]; then
  EXTRA_PACKAGES=bubblewrap fx_bench "$main" "$@"
else
  [ "$(id -u)" = 0 ] || { echo "bench/terminal.sh: run as root (it starts sshd and adds a user), or BENCH_SERVER=lab" >&2; exit 2; }
  . bench/loopback-sshd.sh
  work=$(mktemp -d /tmp/belay-term.XXXXXX)
  loopback_sshd "$work" 1  # sets user, port, hostkey; removes user and work on exit
  echo "[127.0.1.1]:$port $hostkey" > "$work/known_hosts"
  BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -Dbench.ssh=$user@127.0.1.1:$port -Dbench.identity=$work/id -Dbench.knownHosts=$work/known_hosts" \
    fx_bench "$main" "$@"
fi
