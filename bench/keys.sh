#!/usr/bin/env bash
# An encrypted key's logins in one run: decrypted at each login (as before) against once per run.
# Usage: bench/keys.sh [logins=200] [rounds=3]   (prints CPU times and the ratio; needs ssh-keygen)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v ssh-keygen >/dev/null || { apt-get update -qq && apt-get install -y -qq openssh-client; }
mvn -B -q -Dstyle.color=never test-compile
cp_file=target/bench-classpath.txt
mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
exec java -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
  dev.belay.ssh.bench.KeyDecryptBenchmark "$@"
