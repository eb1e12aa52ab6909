#!/bin/sh
# /usr/bin/belay links here (the package's postinst). The desktop (no command, or `gui`) starts through
# jpackage's launcher, with the JIT's optimising compiler for long sessions. Every other command is
# short-lived: the same runtime with the quick compiler only (-XX:TieredStopAtLevel=1, about half the CPU
# of a 200-host `belay run`; docs/performance.md), but for the long CPU-bound ones below. Both use the class-data sharing archive postinst made.
# bench/fanout.sh runs this very script on a build: BELAY_APP_DIR=target (belay.jar, lib/, belay.jsa) and
# BELAY_JAVA=java; JDK_JAVA_OPTIONS adds options.
app=${BELAY_APP_DIR:-/opt/belay/lib/app}
java=${BELAY_JAVA:-/opt/belay/lib/runtime/bin/java}
case "${1:-gui}" in
  gui) exec /opt/belay/bin/belay "$@" ;;
  # Long, CPU-bound commands keep the optimising compiler: `audit verify` hashes a whole log (1M events:
  # 6.3 s on the quick compiler against 4.6 s with C2, docs/performance.md), `test` and `lab` run labs.
  # `audit` also takes the serial collector: a verify streams a log through H2's page cache, whose pages
  # outlive young collections; G1 cost it 8 to 10% more CPU (docs/performance.md), and nothing waits on pauses.
  audit) opts=-XX:+UseSerialGC ;;
  test|lab) opts= ;;
  *) opts=-XX:TieredStopAtLevel=1 ;;
esac
# shellcheck disable=SC2086 # $opts holds one option or none
exec "$java" -Xmx1g $opts -XX:SharedArchiveFile="$app/belay.jsa" \
  -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$app/belay.jar" dev.belay.cli.Main "$@"
