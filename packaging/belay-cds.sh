#!/bin/sh
# Makes Belay's class-data sharing archive (AppCDS, JDK 17's -XX:ArchiveClassesAtExit): one JVM runs
# `belay run` of a one-step runbook on a host that refuses the connection, so the classes a run loads
# (picocli, YAML, the engine, H2 and Flyway, sshj) are parsed and verified here once, not at every start.
#   belay-cds.sh JAVA CLASSPATH ARCHIVE
# JAVA and CLASSPATH must be exactly what the launcher uses (CDS ignores an archive made for another class
# path: the JVM then starts without it, a little slower, nothing else). Used by the package's postinst
# (the installed runtime and /opt/belay/lib/app/belay.jar) and by bench/fanout.sh (target/belay.jar).
# Classes from signed jars (BouncyCastle) are never archived: the JVM checks their signatures each time.
set -eu
java=$1
classpath=$2
archive=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/runbook.yaml" <<'EOF'
id: cds-training
title: Loads the classes a run needs
revision: 1
roles: { all: { min: 1 } }
steps:
  - { id: s1, title: true on every host, on: all, run: 'true' }
EOF
cat > "$work/inventory.yaml" <<'EOF'
environment: cds-training
defaults: { user: nobody, port: 1 }
hosts:
  h1: { address: 127.0.0.1 }
roles: { all: [h1] }
EOF
rm -f "$archive"
# Exit 1 is expected (the host refuses the connection); the archive is written at exit either way.
"$java" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -Duser.home="$work" \
  -cp "$classpath" dev.belay.cli.Main run "$work/runbook.yaml" --inventory "$work/inventory.yaml" --quiet \
  --known-hosts "$work/known_hosts" --no-checkpoints --db "jdbc:h2:file:$work/audit" --operator cds \
  >"$work/out" 2>&1 || true
[ -s "$archive" ] || { echo "belay-cds: no archive was written; $java said:" >&2; tail -20 "$work/out" >&2; exit 1; }
