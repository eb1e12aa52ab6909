#!/usr/bin/env bash
# Takes docs/images/ponr-next.png, ponr-dialog.png, ponr-second.png and ponr-history.png under Xvfb:
# a practice lab runs a two-approver point of no return (dev.belay.ui.run.NoReturnScreenshots).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
xvfb-run -a -s "-screen 0 1400x900x24" java -Dprism.order=sw \
  -cp "target/classes:target/test-classes:$(cat "$cp_file")" dev.belay.ui.run.NoReturnScreenshots docs/images
