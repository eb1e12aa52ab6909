#!/bin/sh
# /usr/bin/belay links here (the package's postinst). The desktop (no command, or `gui`) starts through
# jpackage's launcher, with the JIT's optimising compiler for long sessions. Every other command is
# short-lived: the same runtime with the quick compiler only (-XX:TieredStopAtLevel=1, about half the CPU
# of a 200-host `belay run`; docs/performance.md). Both use the class-data sharing archive postinst made.
# bench/fanout.sh runs this very script on a build: BELAY_APP_DIR=target (belay.jar, lib/, belay.jsa) and
# BELAY_JAVA=java; JDK_JAVA_OPTIONS adds options.
app=${BELAY_APP_DIR:-/opt/belay/lib/app}
java=${BELAY_JAVA:-/opt/belay/lib/runtime/bin/java}
case "${1:-gui}" in
  gui) exec /opt/belay/bin/belay "$@" ;;
esac
exec "$java" -Xmx1g -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$app/belay.jsa" \
  -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$app/belay.jar" dev.belay.cli.Main "$@"
