# Sourced by .ci/run (bash, set -euo pipefail, as root): starts a throwaway PostgreSQL on loopback
# for the audit tests and exports BELAY_TEST_PG_URL. Tests skip PostgreSQL when it is unset.
belay_pg_bin=/usr/lib/postgresql/15/bin
if [ -x "$belay_pg_bin/postgres" ]; then
  belay_pg_dir=$(mktemp -d /tmp/belay-pg.XXXXXX)
  chown postgres:postgres "$belay_pg_dir"
  belay_pg_port=${BELAY_PG_PORT:-55432}
  su postgres -c "$belay_pg_bin/initdb -D '$belay_pg_dir/data' -A trust -U postgres" >"$belay_pg_dir/initdb.log"
  su postgres -c "$belay_pg_bin/pg_ctl -D '$belay_pg_dir/data' -l '$belay_pg_dir/server.log' -w -t 60 \
    -o \"-c listen_addresses=127.0.0.1 -p $belay_pg_port -k $belay_pg_dir\" start" >/dev/null
  su postgres -c "$belay_pg_bin/createdb -h 127.0.0.1 -p $belay_pg_port -U postgres belay_test"
  export BELAY_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$belay_pg_port/belay_test?user=postgres"
  echo "PostgreSQL for audit tests: $BELAY_TEST_PG_URL"

  belay_pg_stop() {
    su postgres -c "$belay_pg_bin/pg_ctl -D '$belay_pg_dir/data' -m fast stop" >/dev/null 2>&1 || true
  }
  # Stop the server when .ci/run exits, keeping any EXIT trap another service set.
  belay_prev_exit_trap=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
  trap "belay_pg_stop; ${belay_prev_exit_trap}" EXIT
else
  echo "PostgreSQL binaries not found in $belay_pg_bin: audit tests will skip PostgreSQL"
fi
