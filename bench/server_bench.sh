#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# wrk on loopback against sotay-server on the demo province (SQLite), side by side with nginx serving the
# same JSON body as a static file (the ceiling). Prints a Markdown table for docs/benchmarks.md.
#   bench/server_bench.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
connections=64

scripts/setup wrk nginx-light curl
cmake --preset release >/dev/null
cmake --build --preset release --target sotay-server >/dev/null

work=$(mktemp -d /tmp/sotay-bench.XXXXXX)
chmod 755 "$work" # nginx workers read the static file as www-data
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "${uncached_pid:-}" ] && kill "$uncached_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

source bench/bench_lib.sh
port=$(free_port)
password=bench-admin-password
seed_start=$(date +%s%N)
start_demo_server "$work/data" "$port" "$password" "$work/server.log"
seed_ms=$(( ($(date +%s%N) - seed_start) / 1000000 ))

api="http://127.0.0.1:$port/api/v1"
json() { /usr/bin/python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
admin=$(curl -sf -X POST "$api/auth/login" -d "{\"username\":\"admin\",\"password\":\"$password\"}" | json "d['token']")
auth=(-H "Authorization: Bearer $admin")

# A commune of median size, and an officer who works in it.
communes=$(curl -sf "${auth[@]}" "$api/orgs?parent=1" | json "' '.join(str(u['id']) for u in d['items'] if u['code'].isdigit())")
best=""; best_count=0; counts=()
for id in $communes; do counts+=("$(curl -sf "${auth[@]}" "$api/orgs/$id" | json "d['memberCount']") $id"); done
read -r commune_count commune < <(printf '%s\n' "${counts[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
curl -sf "${auth[@]}" -X POST "$api/users" \
  -d "{\"username\":\"officer.bench\",\"password\":\"officer-bench-password\",\"role\":\"officer\",\"scopeOrgId\":$commune}" >/dev/null
officer=$(curl -sf -X POST "$api/auth/login" -d '{"username":"officer.bench","password":"officer-bench-password"}' | json "d['token']")

list_path="/api/v1/members?org=$commune&subtree=true&limit=50"
curl -sf -H "Authorization: Bearer $officer" "http://127.0.0.1:$port$list_path" >"$work/members.json"
member=$(json "d['items'][25]['id']" <"$work/members.json")
# The tenth page, reached by following the cursors as a client would.
page10_path=$list_path
for _ in $(seq 1 9); do
  next=$(curl -sf -H "Authorization: Bearer $officer" "http://127.0.0.1:$port$page10_path" | json "d['next']")
  page10_path="$list_path&after=$next"
done
member_path="/api/v1/members/$member"

# The same server on the same database with nothing kept between requests: the roster sorted and every
# member read and written as JSON on each request.
uncached_port=$(free_port)
build/release/app/sotay-server --data "$work/data" --listen "127.0.0.1:$uncached_port" --no-cache \
  >"$work/server-uncached.log" 2>&1 &
uncached_pid=$!
wait_for_server "$work/server-uncached.log" 100

# nginx serving the same member-list body as a static file.
nginx_port=$(free_port)
mkdir -p "$work/www"
cp "$work/members.json" "$work/www/members.json"
cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  types { application/json json; }
  server { listen 127.0.0.1:$nginx_port; root $work/www; keepalive_requests 100000; }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work"

measure() { # name url [header]
  local name=$1 url=$2 header=${3:-}
  local out
  if [ -n "$header" ]; then
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$header" "$url")
  else
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$url")
  fi
  echo "$out" >"$work/$name.wrk"
  local rps p50 p99 errors non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  if [ "$(( ${errors:-0} + ${non2xx:-0} ))" -gt 0 ]; then echo "$out" >&2; fi
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$(( ${errors:-0} + ${non2xx:-0} ))"
}

echo "sotay-server $(build/release/app/sotay-server --version | awk '{print $2}') (RelWithDebInfo, SQLite, 64 threads);"
echo "seeding the demo province on SQLite (synchronous=FULL) and starting: $seed_ms ms (target: under 60 s)"
echo "wrk -t2 -c$connections -d${duration}s on loopback, $(nproc) cores; commune $commune with $commune_count members."
echo
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
measure "member list, 50 rows, commune scope" "http://127.0.0.1:$port$list_path" "Authorization: Bearer $officer"
measure "member list, same, --no-cache" "http://127.0.0.1:$uncached_port$list_path" "Authorization: Bearer $officer"
measure "member list, 50 rows, 10th page" "http://127.0.0.1:$port$page10_path" "Authorization: Bearer $officer"
measure "single member" "http://127.0.0.1:$port$member_path" "Authorization: Bearer $officer"
measure "/healthz" "http://127.0.0.1:$port/healthz"
measure "nginx: same member-list JSON, static file" "http://127.0.0.1:$nginx_port/members.json"
