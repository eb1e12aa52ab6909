# Sourced by the JavaFX benchmarks (terminal.sh, runview.sh): installs Xvfb and GTK if missing (root),
# builds the test classes without `mvn -o` (a fresh machine has no cache), and runs a main class
# under xvfb-run with the test class path. Usage: fx_bench MAIN_CLASS [ARGS...]; set EXTRA_PACKAGES first
# for any other Debian package the bench needs (e.g. bubblewrap for the practice lab). BENCH_JAVA_OPTS
# goes to the benchmark's JVM, e.g. BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/t.jfr,settings=profile".
fx_bench() {
  local main=$1
  shift
  local need=()
  command -v xvfb-run >/dev/null 2>&1 || need+=(xvfb xauth)
  [ -e /usr/lib/x86_64-linux-gnu/libgtk-3.so.0 ] || [ -e /usr/lib/aarch64-linux-gnu/libgtk-3.so.0 ] || need+=(libgtk-3-0 libgl1 libxtst6)
  local p
  for p in ${EXTRA_PACKAGES:-}; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  fi
  mvn -B -q -Dstyle.color=never test-compile
  local cp_file=target/bench-classpath.txt
  mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
  xvfb-run -a -s "-screen 0 1400x900x24" java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat "$cp_file")" \
    "$main" "$@"
}
