#!/usr/bin/env bash
# CI's package check, once `mvn package` has left target/belay.jar and target/lib: build the .deb,
# install it with dpkg -i, run the installed `belay` (--version, validate the shipped runbooks), open
# its window on a virtual X display and time it, then remove the package and check nothing is left.
# Needs root, fakeroot, dpkg-dev, xvfb, x11-utils and the libraries .ci/run installs.
set -euo pipefail
cd "$(dirname "$0")/.."

t0=$(date +%s)
packaging/build-deb.sh --skip-build
deb=$(ls target/dist/belay_*.deb)
t_built=$(date +%s)
echo "== package: $deb, $(du -k "$deb" | cut -f1) KiB, built in $((t_built - t0)) s"

dpkg -i "$deb"
trap 'dpkg -r belay >/dev/null 2>&1 || true' EXIT
[ -L /usr/bin/belay ] || { echo "check-deb: /usr/bin/belay is missing" >&2; exit 1; }
command -v belay
version=$(belay --version)
echo "== belay --version: $version"
case "$version" in "Belay "*) ;; *) echo "check-deb: unexpected version '$version'" >&2; exit 1 ;; esac
belay validate runbooks/*.yaml runbooks/inventories/*.yaml >/dev/null
echo "== belay validate: the shipped runbooks and inventories are valid"
# -Xshare:on makes the JVM fail when it cannot map the archive postinst made (made for other paths, missing)
[ -s /opt/belay/lib/app/belay.jsa ] || { echo "check-deb: postinst made no class-data sharing archive" >&2; exit 1; }
JDK_JAVA_OPTIONS=-Xshare:on belay --version 2>&1 | grep -q '^Belay ' \
  || { echo "check-deb: belay does not start with its class-data sharing archive" >&2; exit 1; }
echo "== class-data sharing: belay starts with /opt/belay/lib/app/belay.jsa"
grep -q '^Exec=/opt/belay/bin/belay' /usr/share/applications/belay-belay.desktop
echo "== desktop entry: /usr/share/applications/belay-belay.desktop"

# The window, as a user opens it: `belay` with no command on a display; wait for its X window.
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "${app:-}" "$xvfb" 2>/dev/null || true; dpkg -r belay >/dev/null 2>&1 || true' EXIT
for _ in $(seq 50); do xwininfo -display "$display" -root >/dev/null 2>&1 && break; sleep 0.1; done
home=$(mktemp -d)
start=$(date +%s%N)
HOME="$home" DISPLAY="$display" belay >"$home/belay.log" 2>&1 &
app=$!
window=""
for _ in $(seq 1200); do   # up to 120 s
  window=$(xwininfo -display "$display" -root -tree 2>/dev/null | grep -m1 -E '0x[0-9a-f]+ "Belay' || true)
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || { cat "$home/belay.log" >&2; echo "check-deb: belay exited before a window" >&2; exit 1; }
  sleep 0.1
done
[ -n "$window" ] || { cat "$home/belay.log" >&2; echo "check-deb: no Belay window within 120 s" >&2; exit 1; }
echo "== window after $(( ($(date +%s%N) - start) / 1000000 )) ms:$window"
kill "$app"; wait "$app" 2>/dev/null || true
HOME="$home" DISPLAY="$display" belay gui --exit-after-first-frame
kill "$xvfb"

dpkg -r belay
trap - EXIT
[ ! -e /usr/bin/belay ] && [ ! -e /opt/belay/bin/belay ] && [ ! -e /opt/belay/lib/app/belay.jsa ] \
  && [ ! -e /usr/share/applications/belay-belay.desktop ] \
  || { echo "check-deb: dpkg -r left files behind" >&2; exit 1; }
echo "== removed cleanly; package check took $(( $(date +%s) - t0 )) s"
