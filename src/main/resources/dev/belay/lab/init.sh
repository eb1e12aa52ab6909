# Belay practice lab: runs first in every sandboxed command and shell of a lab host.
# With the disk-full fault on, /etc, /var, ... are size-limited tmpfs: copy the host's files in and
# fill what is left, so every write fails with "No space left on device" while reads still work.
if [ -d /run/belay/disk ]; then
  for d in etc var root home tmp opt; do
    cp -a /run/belay/disk/$d/. /$d/ 2>/dev/null
    cat /dev/zero > /$d/.disk-full 2>/dev/null
  done
fi
# The played commands' shims leave the SSH channel's own standard input alone (see play.pl).
BELAY_CHANNEL_STDIN=$(readlink /proc/self/fd/0 2>/dev/null)
export BELAY_CHANNEL_STDIN
cd "$HOME" 2>/dev/null
exec "$@"
