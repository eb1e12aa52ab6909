#!/usr/bin/env bash
# Takes docs/images/history.png, history-resume.png, terminal.png, compare.png, lab.png, replay-markers.png
# and broadcast-divergence.png under Xvfb (or the scenes
# named as arguments): starts dev.belay.ui.ScreenshotScenes,
# waits for READY, grabs the screen with ImageMagick, then stops it. Usage: docs/images/shoot.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
for scene in ${*:-history history-resume terminal compare lab replay-markers broadcast-divergence}; do
  log=$(mktemp)
  screen=1400x900x24
  case $scene in history*) screen=1280x800x24 ;; esac # the main window's default size
  xvfb-run -a -s "-screen 0 $screen" bash -c '
    java -cp "target/classes:target/test-classes:$(cat '"$cp_file"')" dev.belay.ui.ScreenshotScenes '"$scene"' > '"$log"' 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do grep -q READY '"$log"' && break; sleep 0.5; done
    sleep 8 # a busy machine needs a few pulses before the last layout is painted
    import -window root docs/images/'"$scene"'.png
    kill $pid; wait $pid || true'
  rm -f "$log"
done
