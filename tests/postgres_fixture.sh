#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A throwaway PostgreSQL cluster on loopback for the tests (a CTest fixture).
#   postgres_fixture.sh start DIR   initdb + start; writes DIR/connection (a postgresql:// URL)
#   postgres_fixture.sh stop DIR    stops the cluster and removes DIR
# POSTGRES_SETTINGS replaces the tests' "-c fsync=off" (the benchmarks run with PostgreSQL's defaults and
# the settings they print).
set -euo pipefail
settings=${POSTGRES_SETTINGS:--c fsync=off}

action=${1:?start|stop}
dir=${2:?directory}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "postgres_fixture: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# The server refuses to run as root: run it as the postgres user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 -A trust >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -w -t 30 -l "$dir/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 $settings" start >/dev/null; then
      as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE sotay LOGIN PASSWORD 'sotay-test'" -c "CREATE DATABASE sotay_test OWNER sotay ENCODING 'UTF8'"
      echo "postgresql://sotay:sotay-test@127.0.0.1:$port/sotay_test" >"$dir/connection"
      echo "postgres_fixture: started on 127.0.0.1:$port"
      exit 0
    fi
  done
  echo "postgres_fixture: could not start PostgreSQL; see $dir/server.log" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
