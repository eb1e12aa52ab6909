#!/usr/bin/env bash
# Scenario benchmark (not a test): the same scenarios run twice in one go, first as `belay test` ran
# them before (one at a time, labs on the disk under the temporary directory), then with its
# defaults (several at once, labs on /dev/shm where usable), and the ratio of the two wall times.
# Usage: bench/scenarios.sh [PATH...]   (default: runbooks/tests; both runs must pass)
set -euo pipefail
cd "$(dirname "$0")/.."
# No -o: on a fresh machine Maven fetches what its cache lacks; with a warm cache it stays offline anyway.
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
# A copy of the classes: rebuilding target/classes while a lab runs from it would kill the run.
work=$(mktemp -d "${TMPDIR:-/tmp}/belay-scenario-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r target/classes "$work/classes"
cp="$work/classes:$(cat target/bench.classpath)"
paths=("$@")
[ ${#paths[@]} -gt 0 ] || paths=(runbooks/tests)

run() { # label, then belay test options; prints the seconds it took
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  if ! java -Xmx2g -cp "$cp" dev.belay.cli.Main test "$@" "${paths[@]}" >"$work/$label.out" 2>&1; then
    cat "$work/$label.out" >&2
    echo "scenarios failed in the $label run" >&2
    exit 1
  fi
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }' 
}

before=$(run before --jobs 1 --work-dir "$work/labs")
after=$(run after)
n=$(grep -cE ' (pass|FAIL)$' "$work/after.out" || true)
echo "scenarios: $n each run; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v a="$before" -v b="$after" 'BEGIN {
  printf "one at a time, labs on disk:  %7.1f s\n", a
  printf "belay test defaults:          %7.1f s\n", b
  printf "ratio (defaults / before):    %7.2f\n", b / a }' 
