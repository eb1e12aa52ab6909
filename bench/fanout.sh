#!/usr/bin/env bash
# Fan-out benchmark (not a test): the real `belay run` (JVM start included, started by the installed
# command's own script packaging/belay.sh on this build's jar, with its class-data sharing archive; one
# audit log for all runs, as a user's ~/.belay/audit) against Ansible
# (`ansible all -m raw -f 32`) and pssh (`-p 32`) on one Debian OpenSSH server on loopback, logging in
# as a light-shell user (an empty home, so no rc file costs time on the server).
#   a) `true` on HOSTS hosts (default 200), one step / one invocation
#   b) 5 steps on 50 hosts: one Belay run of 5 steps; Ansible and pssh invoked 5 times
#      (Ansible with its default ControlPersist, so its connections are reused as Belay's are)
#   c) the floor: one `ssh HOST true` login after another, as the server's own cost per login
# Every host is its own SSH connection to its own loopback address (127.0.1.N), served by sshd
# processes of one config (16 addresses each, sshd's limit).
# Installs what it needs (openssh-server, ansible-core, pssh); creates and removes a user and a temp dir.
# Each comparison: a warm-up of each tool, then ROUNDS rounds in which the tools take turns; prints the
# medians and the median of the rounds' own ratios.
# Usage: bench/fanout.sh [HOSTS=200] [ROUNDS=3]     (run as root)
#   BELAY_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/fanout.jfr" bench/fanout.sh   profiles Belay's runs
set -euo pipefail
cd "$(dirname "$0")/.."
HOSTS=${1:-200}
ROUNDS=${2:-3}
SMALL=$(( HOSTS < 50 ? HOSTS : 50 ))  # 50, or all hosts when fewer
[ "$(id -u)" = 0 ] || { echo "bench/fanout.sh: run as root (it starts sshd and adds a user)" >&2; exit 2; }

need=()
command -v ansible >/dev/null 2>&1 || need+=(ansible-core)
command -v parallel-ssh >/dev/null 2>&1 || need+=(pssh)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

# No -o: on a fresh machine Maven fetches what its cache lacks.
mvn -q -B package -DskipTests >/dev/null
# Belay runs the way the installed command does (packaging/belay.sh: the quick compiler only, and the
# class-data sharing archive the package's postinst makes), on this build's jar.
packaging/belay-cds.sh java "$PWD/target/belay.jar" "$PWD/target/belay.jsa"

work=$(mktemp -d /tmp/belay-fanout.XXXXXX)
. bench/loopback-sshd.sh
loopback_sshd "$work" "$HOSTS"  # sets user, port, hostkey; removes user and work on exit
: > "$work/known_hosts"
: > "$work/pssh_hosts"
: > "$work/pssh_hosts_small"
{
  echo "environment: bench"
  echo "defaults: { user: $user, port: $port, identity: $work/id }"
  echo "hosts:"
} > "$work/inventory.yaml"
cp "$work/inventory.yaml" "$work/inventory_small.yaml"
echo "[all]" > "$work/ansible_hosts"
echo "[all]" > "$work/ansible_hosts_small"
for i in $(seq 1 "$HOSTS"); do
  echo "[127.0.1.$i]:$port $hostkey" >> "$work/known_hosts"
  echo "  h$i: { address: 127.0.1.$i }" >> "$work/inventory.yaml"
  echo "h$i ansible_host=127.0.1.$i" >> "$work/ansible_hosts"
  echo "$user@127.0.1.$i:$port" >> "$work/pssh_hosts"
  if [ "$i" -le "$SMALL" ]; then
    echo "  h$i: { address: 127.0.1.$i }" >> "$work/inventory_small.yaml"
    echo "h$i ansible_host=127.0.1.$i" >> "$work/ansible_hosts_small"
    echo "$user@127.0.1.$i:$port" >> "$work/pssh_hosts_small"
  fi
done
echo "roles: { all: [$(seq -s, -f 'h%g' 1 "$HOSTS")] }" >> "$work/inventory.yaml"
echo "roles: { all: [$(seq -s, -f 'h%g' 1 "$SMALL")] }" >> "$work/inventory_small.yaml"

runbook() { # ID STEPS
  echo "id: $1"; echo "title: fan-out $1"; echo "revision: 1"; echo "roles: { all: { min: 1 } }"; echo "steps:"
  for s in $(seq 1 "$2"); do
    echo "  - { id: s$s, title: true on every host $s, on: all, run: 'true' }"
  done
}
runbook one 1 > "$work/one.yaml"
runbook five 5 > "$work/five.yaml"

export ANSIBLE_HOST_KEY_CHECKING=False ANSIBLE_REMOTE_USER=$user ANSIBLE_PRIVATE_KEY_FILE=$work/id \
  ANSIBLE_REMOTE_PORT=$port ANSIBLE_LOCAL_TEMP=$work/ansible-tmp ANSIBLE_SSH_CONTROL_PATH_DIR=$work/cp \
  ANSIBLE_NOCOLOR=1 ANSIBLE_SSH_ARGS="-o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=$work/known_hosts"
SSH_OPTS=(-O "UserKnownHostsFile=$work/known_hosts" -O StrictHostKeyChecking=yes -O "IdentityFile=$work/id" -O IdentitiesOnly=yes)

belay_run() { # RUNBOOK INVENTORY
  # One audit log for every run, as a user's ~/.belay/audit: its schema is made once, in the warm-up round.
  JDK_JAVA_OPTIONS="${BELAY_JAVA_OPTS:-} -Duser.home=$work/home" BELAY_APP_DIR="$PWD/target" BELAY_JAVA=java \
    packaging/belay.sh run "$1" --inventory "$2" --quiet \
    --known-hosts "$work/known_hosts" --no-checkpoints --db "jdbc:h2:file:$work/audit" --operator bench >"$work/last.out" 2>&1 \
    || { echo "belay run failed:"; head -c 3000 "$work/last.out"; exit 1; }
}
ansible_run() { # HOSTS_FILE
  ansible all -i "$1" -m raw -a true -f 32 >"$work/last.out" 2>&1 || { echo "ansible failed:"; tail -20 "$work/last.out"; exit 1; }
}
pssh_run() { # HOSTS_FILE
  parallel-ssh -h "$1" -p 32 -t 120 "${SSH_OPTS[@]}" true >"$work/last.out" 2>&1 || { echo "pssh failed:"; tail -20 "$work/last.out"; exit 1; }
}
five_times() { for _ in 1 2 3 4 5; do "$@"; done; }
floor_run() { # N sequential logins: the server's own cost per login, client included
  for i in $(seq 1 "$1"); do
    ssh -p "$port" -i "$work/id" -o IdentitiesOnly=yes -o UserKnownHostsFile="$work/known_hosts" -o BatchMode=yes "$user@127.0.1.$i" true
  done
}
timeit() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$e - $s" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# measure NAME=FUNC...: one warm-up of each (page cache, sshd forks, the audit log's schema), then ROUNDS
# rounds in which each runs once, in turn. Interleaved, every tool's round i runs within the same minute
# as the others' round i, so a load that drifts over the script (Ansible's 32 forks leave a load average
# of 15 behind) weighs on all of them alike; the ratios are taken round by round.
measure() {
  local spec name
  for spec in "$@"; do "${spec#*=}"; rm -rf "$work/cp"/* 2>/dev/null || true; done
  for spec in "$@"; do : > "$work/r.${spec%%=*}"; done
  for round in $(seq 1 "$ROUNDS"); do
    for spec in "$@"; do
      name=${spec%%=*}
      timeit "${spec#*=}" >> "$work/r.$name"
      rm -rf "$work/cp"/* 2>/dev/null || true
    done
    echo "  round $round: $(for spec in "$@"; do printf '%s %ss  ' "${spec%%=*}" "$(tail -1 "$work/r.${spec%%=*}")"; done)" >&2
  done
  for spec in "$@"; do
    name=${spec%%=*}
    median < "$work/r.$name" > "$work/t.$name"
    echo "  $name: $(tr '\n' ' ' < "$work/r.$name")-> median $(cat "$work/t.$name") s" >&2
  done
}
belay200() { belay_run "$work/one.yaml" "$work/inventory.yaml"; }
ansible200() { ansible_run "$work/ansible_hosts"; }
pssh200() { pssh_run "$work/pssh_hosts"; }
belay5x50() { belay_run "$work/five.yaml" "$work/inventory_small.yaml"; }
ansible5x50() { five_times ansible_run "$work/ansible_hosts_small"; }
pssh5x50() { five_times pssh_run "$work/pssh_hosts_small"; }
FLOOR=$(( HOSTS < 20 ? HOSTS : 20 ))  # sequential logins, one per host
floor_logins() { floor_run "$FLOOR"; }

echo "fan-out on $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg); $HOSTS hosts on one sshd at 127.0.1.1-$HOSTS:$port; $ROUNDS rounds each" >&2
measure belay200=belay200 ansible200=ansible200 pssh200=pssh200
measure belay5x50=belay5x50 ansible5x50=ansible5x50 pssh5x50=pssh5x50
measure floor=floor_logins

traw() { cat "$work/t.$1"; }
t() { printf '%.2f' "$(traw "$1")"; }
# the median of the round-by-round ratios A_i / B_i
r() { paste "$work/r.$1" "$work/r.$2" | awk '{printf "%.4f\n", $1 / $2}' | median | xargs printf '%.2f'; }
floor=$(printf '%.3f' "$(echo "scale=4; $(traw floor) / $FLOOR" | bc)")
echo
echo "| work | Belay (s) | Ansible -f 32 (s) | pssh -p 32 (s) | Belay / Ansible | Belay / pssh |"
echo "|---|---|---|---|---|---|"
echo "| \`true\` on $HOSTS hosts, one step | $(t belay200) | $(t ansible200) | $(t pssh200) | $(r belay200 ansible200) | $(r belay200 pssh200) |"
echo "| 5 steps on $SMALL hosts | $(t belay5x50) | $(t ansible5x50) | $(t pssh5x50) | $(r belay5x50 ansible5x50) | $(r belay5x50 pssh5x50) |"
echo "(times: medians of $ROUNDS rounds, the tools taking turns within each round; ratios: the median of the rounds' own ratios)"
echo
echo "Floor: one \`ssh host true\` after another (OpenSSH client and server, nothing in parallel) costs $floor s per login;"
echo "Belay spent $(printf '%.3f' "$(echo "scale=4; $(traw belay200) / $HOSTS" | bc)") s of wall time per host on $HOSTS hosts, JVM start included."
echo "Machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
