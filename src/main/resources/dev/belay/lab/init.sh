# Belay practice lab: runs first in every sandboxed command and shell of a lab host.
# The played commands' shims leave the SSH channel's own standard input alone (see play.pl).
BELAY_CHANNEL_STDIN=$(readlink /proc/self/fd/0 2>/dev/null)
export BELAY_CHANNEL_STDIN
cd "$HOME" 2>/dev/null
# An exec request's command leads its own session and process group, as sshd makes it on a real host:
# Belay's remote wrapper then evals in the login shell it was given (bash) instead of re-executing
# itself under /bin/sh (dash here) to get a group it can stop (see RemoteWrapper). A shell keeps the
# session, and with it its terminal.
leader=
if [ "$BELAY_SESSION" = exec ] && command -v setsid >/dev/null 2>&1; then
  leader="setsid -w"
fi
if [ ! -d /run/belay/disk ]; then
  exec $leader "$@"
fi
# With the disk-full fault on, /etc, /var, ... are size-limited tmpfs: copy the host's files in and
# fill what is left, so writes fail with "No space left on device" while reads still work.
for d in etc var root home tmp opt; do
  cp -a /run/belay/disk/$d/. /$d/ 2>/dev/null
  cat /dev/zero > /$d/.disk-full 2>/dev/null
done
$leader "$@"
rc=$?
# What still succeeded on the full disk (an append that fitted in a file's last page, an empty file,
# a directory) is kept, as on a real disk: it goes back to the host's own files when the command
# ends. Removals are not carried back (a file that failed to copy in must not be deleted).
for d in etc var root home tmp opt; do
  rm -f /$d/.disk-full
  if command -v rsync >/dev/null 2>&1; then
    rsync -a /$d/ /run/belay/disk/$d/ 2>/dev/null
  else
    cp -a -u /$d/. /run/belay/disk/$d/ 2>/dev/null
  fi
done
exit $rc
