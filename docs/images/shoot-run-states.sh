#!/usr/bin/env bash
# Takes the run window's state screenshots under Xvfb: run-failed-stop.png,
# run-end.png, run-countdown.png, run-resolve-unknown.png and run-start-dialog.png (dev.belay.ui.run.RunStatesScreenshot
# drives the practice lab through each state). Usage: docs/images/shoot-run-states.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
xvfb-run -a -s "-screen 0 1400x900x24" \
  java -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.belay.ui.run.RunStatesScreenshot docs/images
xvfb-run -a -s "-screen 0 1400x900x24" \
  java -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.belay.ui.run.StartDialogScreenshot docs/images
