#!/usr/bin/env bash
# The anchor the issue names ("a terminal as fast as xterm"): xterm (120x32, its defaults, jump scroll
# on) under the same Xvfb as bench/terminal.sh, with the same two feeds, against a bare PTY read of the
# same output (`script` into /dev/null), each the median of ROUNDS. xterm's own start (xterm -e true) is
# measured the same way and taken off. Local feeds, no SSH: it is the terminal that is measured.
# Usage: bench/xterm.sh [ROUNDS]   (default 3; installs xterm and xvfb if missing; root)
set -euo pipefail
rounds=${1:-3}
need=()
command -v xterm >/dev/null || need+=(xterm)
command -v Xvfb >/dev/null || need+=(xvfb)
command -v script >/dev/null || need+=(bsdutils)
command -v bc >/dev/null || need+=(bc)
if ((${#need[@]})); then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
work=$(mktemp -d)
trap 'kill "$xvfb" 2>/dev/null || true; rm -rf "$work"' EXIT
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 1 50); do [[ -S /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done
head -c 15000000 /dev/urandom | base64 -w 100 > "$work/b64" # the bench's 20 MB of base64

seconds() { # the median wall time of ROUNDS runs of "$@"
  for _ in $(seq 1 "$rounds"); do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}
xterm_run() { DISPLAY=$display xterm -geometry 120x32 -e sh -c "$1"; }
start=$(seconds xterm_run true)
printf 'xterm start (xterm -e true): %s s\n' "$start"
printf '| %-30s | %9s | %9s | %7s |\n' feed "bare PTY" xterm ratio
for feed in "seq 1 300000" "cat $work/b64"; do
  bare=$(seconds script -qfc "$feed" /dev/null)
  xt=$(seconds xterm_run "$feed")
  net=$(echo "$xt - $start" | bc -l)
  name=$feed; [[ $feed == cat* ]] && name="20 MB base64 (100-char lines)"
  printf '| %-30s | %7.2f s | %7.2f s | %6.2fx |\n' "$name" "$bare" "$net" "$(echo "$net / $bare" | bc -l)"
done
echo "(xterm: its wall time to run the feed and exit, less its start; medians of $rounds)"
