#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The console's sync against the demo province on loopback: a first sync of the whole province, an
# incremental sync of 100 changes, the bytes on the wire, and the first sync over a slow link (10 Mbit/s,
# 50 ms each way) next to the time the same bytes need on that link. Prints Markdown for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup curl bc
cmake --preset release >/dev/null
cmake --build --preset release --target sotay-server sotay-console >/dev/null

work=$(mktemp -d /tmp/sotay-sync-bench.XXXXXX)
cleanup() {
  for pid in ${server_pid:-} ${proxy_pid:-}; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
source bench/bench_lib.sh

port=$(free_port)
password=bench-admin-password
echo "$password" >"$work/password"
start_demo_server "$work/data" "$port" "$password" "$work/server.log"

console=build/release/app/sotay-console
sync() { # server-url replica -> prints "seconds bytes"
  local start end out
  start=$(date +%s.%N)
  out=$(XDG_DATA_HOME="$work" "$console" sync --server "$1" --user admin --password-file "$work/password" --replica "$2" | tail -n 1)
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(grep -o '[0-9]* byte' <<<"$out" | awk '{print $1}')"
}

read -r first_s first_bytes < <(sync "http://127.0.0.1:$port" "$work/first.sqlite")

# 100 changes: hometown edits of 100 members through the API.
api="http://127.0.0.1:$port/api/v1"
token=$(curl -sf -X POST "$api/auth/login" -d "{\"username\":\"admin\",\"password\":\"$password\"}" | /usr/bin/python3 -c "import sys,json; print(json.load(sys.stdin)['token'])")
for id in $(seq 1000 37 4663); do
  version=$(curl -sf -H "Authorization: Bearer $token" "$api/members/$id" | /usr/bin/python3 -c "import sys,json; print(json.load(sys.stdin)['version'])")
  curl -sf -o /dev/null -X PATCH -H "Authorization: Bearer $token" -H "If-Match: $version" "$api/members/$id" -d '{"hometown":"Huế"}'
done
read -r incremental_s incremental_bytes < <(sync "http://127.0.0.1:$port" "$work/first.sqlite")

proxy_port=$(free_port)
/usr/bin/python3 bench/slow_link_proxy.py "$proxy_port" "$port" 50 10 >"$work/proxy.log" 2>&1 &
proxy_pid=$!
sleep 0.5
read -r slow_s slow_bytes < <(sync "http://127.0.0.1:$proxy_port" "$work/slow.sqlite")
limit=$(echo "scale=1; $slow_bytes * 8 / 10000000" | bc)

echo "sotay 0.1.0 (RelWithDebInfo), demo province on SQLite, $(nproc) cores, loopback."
echo
echo "| measurement | time | bytes on the wire |"
echo "|---|---|---|"
printf '| first sync of the whole province (admin scope) | %.1f s | %s |\n' "$first_s" "$first_bytes"
printf '| incremental sync of 100 changes | %.2f s | %s |\n' "$incremental_s" "$incremental_bytes"
printf '| first sync over a 10 Mbit/s link with 50 ms each way | %.1f s | %s |\n' "$slow_s" "$slow_bytes"
printf '| the same bytes at 10 Mbit/s (the limit) | %s s | |\n' "$limit"
