#!/bin/sh
# Belay practice lab: su, as RDO's service commands use it: `su -s /bin/sh -c "nova-manage db sync" nova`
# runs one command as a service user. A lab host's sandbox has no capabilities and no such users,
# so the real su cannot switch; this stand-in runs the command as the sandbox's own user (root),
# with the environment su gives the target user (HOME, SHELL, USER, LOGNAME; the rest is kept, as
# su without -l keeps it). Only that form is played; any other is refused with what is played.
refuse() {
  echo "su: $1" >&2
  echo "su: the practice lab plays only 'su -s /bin/sh -c COMMAND USER' (USER one of: $users);" \
    "run the command as root on a lab host otherwise" >&2
  exit 1
}
users="nova keystone glance cinder neutron heat placement"
[ "$#" -eq 5 ] || refuse "$# arguments given"
[ "$1" = -s ] || refuse "'$1' where -s SHELL was expected"
case "$2" in
  /bin/sh|/bin/bash) ;;
  *) refuse "shell $2 is not /bin/sh or /bin/bash" ;;
esac
[ "$3" = -c ] || refuse "'$3' where -c COMMAND was expected"
case " $users " in
  *" $5 "*) ;;
  *) refuse "user '$5' is not a service user the lab knows" ;;
esac
HOME=/var/lib/$5 SHELL=$2 USER=$5 LOGNAME=$5
export HOME SHELL USER LOGNAME
mkdir -p "$HOME" 2>/dev/null
exec "$2" -c "$4"
