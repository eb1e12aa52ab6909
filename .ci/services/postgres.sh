# Sourced by .ci/run (bash, set -euo pipefail, as root): starts a throwaway PostgreSQL on loopback
# for the audit tests and exports BELAY_TEST_PG_URL. Tests skip PostgreSQL when it is unset.
pg_bin=/usr/lib/postgresql/15/bin
if [ -x "$pg_bin/postgres" ]; then
  pg_dir=$(mktemp -d /tmp/belay-pg.XXXXXX)
  chown postgres:postgres "$pg_dir"
  pg_port=${BELAY_PG_PORT:-55432}
  su postgres -c "$pg_bin/initdb -D '$pg_dir/data' -A trust -U postgres" >"$pg_dir/initdb.log"
  su postgres -c "$pg_bin/pg_ctl -D '$pg_dir/data' -l '$pg_dir/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=on\" start" >/dev/null
  su postgres -c "$pg_bin/createdb -h 127.0.0.1 -p $pg_port -U postgres belay_test"
  export BELAY_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/belay_test?user=postgres"
  # Stop the server when .ci/run exits, whatever the outcome.
  trap "su postgres -c \"$pg_bin/pg_ctl -D '$pg_dir/data' -m fast stop\" >/dev/null 2>&1 || true" EXIT
  echo "PostgreSQL for audit tests: $BELAY_TEST_PG_URL"
else
  echo "PostgreSQL binaries not found in $pg_bin: audit tests will skip PostgreSQL"
fi
