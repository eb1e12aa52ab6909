# Sourced by bench/fanout.sh and bench/terminal.sh: Debian's OpenSSH on loopback, logged into as a
# light-shell user (uid 0, an empty home: no rc file costs time on the server; NOTES.md, light-shell
# logins). Root only; installs openssh-server and openssh-client if missing.
# loopback_sshd WORK HOSTS starts sshd on 127.0.1.1 to 127.0.1.HOSTS (one sshd per 16 addresses,
# sshd's limit, one config otherwise) and sets:
#   user     the light-shell user        port       the port every address listens on
#   hostkey  "TYPE KEY" of the host key  WORK/id    the user's private key (WORK/id.pub its public one)
# and removes the user and stops the sshd processes when the script exits (WORK itself is the caller's).
loopback_sshd() {
  local work=$1 hosts=$2
  local need=()
  command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || need+=(openssh-server)
  command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
  fi
  chmod 755 "$work"
  user=belaybench$$
  _LOOPBACK_WORK=$work
  _LOOPBACK_USER=$user
  trap loopback_sshd_stop EXIT
  mkdir -p "$work/home"
  useradd -o -u 0 -g 0 -M -d "$work/home" -s /bin/bash "$user"
  usermod -p '*' "$user"
  ssh-keygen -q -t ed25519 -N '' -f "$work/hostkey"
  ssh-keygen -q -t ed25519 -N '' -f "$work/id"
  cp "$work/id.pub" "$work/authorized_keys"
  hostkey=$(cut -d' ' -f1,2 "$work/hostkey.pub")
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p /run/sshd
  local first last i
  for first in $(seq 1 16 "$hosts"); do
    last=$(( first + 15 < hosts ? first + 15 : hosts ))
    {
      echo "Port $port"
      for i in $(seq "$first" "$last"); do echo "ListenAddress 127.0.1.$i"; done
      echo "HostKey $work/hostkey"
      echo "PidFile $work/sshd.$first.pid"
      echo "AuthorizedKeysFile $work/authorized_keys"
      echo "UsePAM no"
      echo "StrictModes no"
      echo "PermitRootLogin prohibit-password"
      echo "MaxStartups 1000:30:2000"
      echo "MaxSessions 100"
      echo "PrintMotd no"
      echo "UseDNS no"
    } > "$work/sshd_config.$first"
    /usr/sbin/sshd -f "$work/sshd_config.$first" -E "$work/sshd.$first.log"
  done
  for _ in $(seq 1 100); do
    [ "$(grep -h 'Server listening' "$work"/sshd.*.log 2>/dev/null | wc -l)" -ge "$hosts" ] && break
    sleep 0.1
  done
  [ "$(grep -h 'Server listening' "$work"/sshd.*.log | wc -l)" -ge "$hosts" ] \
    || { echo "sshd did not listen on all $hosts addresses:"; cat "$work"/sshd.*.log; exit 1; }
}

loopback_sshd_stop() {
  local f
  for f in "$_LOOPBACK_WORK"/sshd.*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null; done || true
  userdel -f "$_LOOPBACK_USER" 2>/dev/null || true  # -f: a uid-0 user always "has processes running"
  rm -rf "$_LOOPBACK_WORK"
}
