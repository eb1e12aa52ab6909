#!/bin/sh
# Belay practice lab: touch, with one path moved. The machine's / is read-only in a lab host's
# sandbox, but the procedures' "touch /.autorelabel and reboot" (SELinux relabels at the next boot)
# must work: that flag file lives in the host's own /var/lib/belay-lab/autorelabel instead, where
# the lab's boot removes it as the relabel does. Every other argument goes to the real touch.
n=$#
while [ "$n" -gt 0 ]; do
  a=$1; shift; n=$((n - 1))
  if [ "$a" = /.autorelabel ]; then
    mkdir -p /var/lib/belay-lab || exit 1
    a=/var/lib/belay-lab/autorelabel
  fi
  set -- "$@" "$a"
done
exec /usr/bin/touch "$@"
