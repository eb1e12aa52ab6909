#!/usr/bin/env bash
# Takes docs/images/bundle-index.png: a rehearsal of the practice runbook on a fresh practice lab,
# its evidence bundle, and the bundle's index.html rendered by headless Chromium (apt-get install chromium).
# Usage: docs/images/shoot-bundle.sh (after mvn package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
belay() { java -jar target/belay.jar "$@"; }
java -jar target/belay.jar lab start --hosts 2 --dir "$tmp/lab" >"$tmp/lab.log" 2>&1 &
lab=$!
trap 'kill $lab 2>/dev/null || true' EXIT
for _ in $(seq 120); do [ -f "$tmp/lab/inventory.yaml" ] && grep -q "inventory" "$tmp/lab.log" && break; sleep 0.5; done
db="jdbc:h2:file:$tmp/audit/belay"
belay run runbooks/practice-upgrade.yaml --inventory "$tmp/lab/inventory.yaml" --known-hosts "$tmp/lab/known_hosts" \
  --auto-confirm --rehearsal --operator alice --db "$db" | tee "$tmp/run.log" | tail -3
run=$(sed -n 's/^run \([^ :]*\): .*/\1/p' "$tmp/run.log" | head -1)
belay audit bundle "$run" --out "$tmp/evidence.zip" --db "$db"
mkdir "$tmp/unzipped" && (cd "$tmp/unzipped" && unzip -q ../evidence.zip)
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1300,1500 \
  --screenshot=docs/images/bundle-index.png "file://$tmp/unzipped/index.html" 2>/dev/null
echo "bundle of run $run: $(unzip -l "$tmp/evidence.zip" | tail -1)"
