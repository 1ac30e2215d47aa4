# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Shared by the bench scripts (sourced, from the repository's root): a free loopback port, the release
# sotay-server on the demo province, an officer of a median commune, nginx serving a static file, and wrk.

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && { echo "$p"; return; }
  done
}

# build_release_server: the release sotay-server, built quietly (the caller has run scripts/setup).
build_release_server() {
  cmake --preset release >/dev/null
  cmake --build --preset release --target sotay-server >/dev/null
}

# default_request_threads: what sotay-server starts without --threads (server/server_config.h).
default_request_threads() {
  local n=$((8 * $(nproc)))
  ((n < 16)) && n=16
  ((n > 64)) && n=64
  echo "$n"
}

# make_work_dir: a fresh $work, removed on exit together with what the bench started: $server_pid, the
# pids in bench_pids, and nginx by its pid file.
bench_pids=()
make_work_dir() {
  work=$(mktemp -d /tmp/sotay-bench.XXXXXX)
  chmod 755 "$work" # nginx workers read the static file as www-data
  trap bench_cleanup EXIT
}
bench_cleanup() {
  local pid
  for pid in ${server_pid:-} "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -f "$work/pg/connection" ] && tests/postgres_fixture.sh stop "$work/pg" >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}

# start_bench_postgres: a throwaway PostgreSQL cluster in $work/pg on loopback (tests/postgres_fixture.sh)
# with $pg_settings, PostgreSQL's defaults otherwise (fsync on); sets pg_url. Stopped by bench_cleanup.
pg_settings="-c shared_buffers=512MB -c effective_cache_size=4GB -c work_mem=16MB"
start_bench_postgres() {
  POSTGRES_SETTINGS="$pg_settings" tests/postgres_fixture.sh start "$work/pg" >/dev/null
  pg_url=$(cat "$work/pg/connection")
}

# json EXPRESSION: evaluates EXPRESSION over the JSON document d read from standard input.
json() { /usr/bin/python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }

# wait_for_server LOG [tries of 0.2 s]: returns once the server's log says it runs; fails with the log.
wait_for_server() {
  local log=$1 tries=${2:-600}
  for _ in $(seq 1 "$tries"); do grep -q "đang chạy" "$log" 2>/dev/null && return 0; sleep 0.2; done
  cat "$log" >&2
  return 1
}

# start_demo_server DATA_DIR PORT PASSWORD LOG [more sotay-server options]: the release sotay-server on the
# demo province (seeded into DATA_DIR when empty), in the background; sets server_pid once it answers.
start_demo_server() {
  local data=$1 port=$2 password=$3 log=$4
  shift 4
  SOTAY_ADMIN_PASSWORD=$password build/release/app/sotay-server --data "$data" --listen "127.0.0.1:$port" --demo "$@" \
    >"$log" 2>&1 &
  server_pid=$!
  wait_for_server "$log"
}

# sign_in PORT USER PASSWORD: prints a session token.
sign_in() {
  curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/login" -d "{\"username\":\"$2\",\"password\":\"$3\"}" |
    json "d['token']"
}

# officer_of_median_commune PORT ADMIN_PASSWORD: signs in as admin, finds the commune of median size and
# creates the officer "officer.bench" (password $officer_password) who works in it. Sets commune,
# commune_count, officer (a token), list_path (the commune's first member-list page, 50 rows, whose body
# it writes to $work/members.json) and member_path (the 26th member of that page).
officer_password="officer-bench-password"
officer_of_median_commune() {
  local port=$1 api="http://127.0.0.1:$1/api/v1" admin communes id counts=()
  admin=$(sign_in "$port" admin "$2")
  local auth=(-H "Authorization: Bearer $admin")
  communes=$(curl -sf "${auth[@]}" "$api/orgs?parent=1" |
    json "' '.join(str(u['id']) for u in d['items'] if u['code'].isdigit())")
  for id in $communes; do counts+=("$(curl -sf "${auth[@]}" "$api/orgs/$id" | json "d['memberCount']") $id"); done
  read -r commune_count commune < <(printf '%s\n' "${counts[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
  curl -sf "${auth[@]}" -X POST "$api/users" \
    -d "{\"username\":\"officer.bench\",\"password\":\"$officer_password\",\"role\":\"officer\",\"scopeOrgId\":$commune}" \
    >/dev/null
  officer=$(sign_in "$port" officer.bench "$officer_password")
  list_path="/api/v1/members?org=$commune&subtree=true&limit=50"
  curl -sf -H "Authorization: Bearer $officer" "http://127.0.0.1:$port$list_path" >"$work/members.json"
  member_path="/api/v1/members/$(json "d['items'][25]['id']" <"$work/members.json")"
}

# start_static_nginx PORT FILE: nginx (2 workers, as many as cores) serving FILE at /NAME-OF-FILE on
# 127.0.0.1:PORT from $work/www; stopped by bench_cleanup.
start_static_nginx() {
  local port=$1 file=$2
  mkdir -p "$work/www" "$work/tmp"
  cp "$file" "$work/www/"
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
  server { listen 127.0.0.1:$port; root $work/www; keepalive_requests 100000; }
}
NGINX
  nginx -c "$work/nginx.conf" -p "$work"
}

# wrk_ms TIME: wrk's "850.00us", "6.50ms", "1.02s" or "1.50m" in milliseconds.
wrk_ms() {
  awk -v t="$1" 'BEGIN {
    n = t + 0; u = t; sub(/^[0-9.]+/, "", u)
    printf "%.2f\n", (u == "us") ? n / 1000 : (u == "ms") ? n : (u == "s") ? n * 1000 : (u == "m") ? n * 60000 : n
  }'
}

# wrk_measure NAME URL [HEADER]: wrk -t2 -c$connections -d${duration}s; prints a Markdown row (endpoint,
# requests/s, p50, p99, errors) and sets wrk_rps and wrk_p99_ms. wrk's output is kept in $work/NAME.wrk
# and shown on standard error when there were errors.
wrk_measure() {
  local name=$1 url=$2 header=${3:-}
  local out
  if [ -n "$header" ]; then
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency -H "$header" "$url")
  else
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$url")
  fi
  wrk_report "$name" "$out"
}

# wrk_report NAME OUTPUT: wrk_measure's row, from wrk's OUTPUT (for runs started otherwise, with a script).
wrk_report() {
  local name=$1 out=$2
  echo "$out" >"$work/${name//\//_}.wrk"
  local p50 p99 errors non2xx
  wrk_rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  wrk_p99_ms=$(wrk_ms "$p99")
  errors=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  if [ "$(( ${errors:-0} + ${non2xx:-0} ))" -gt 0 ]; then echo "$out" >&2; fi
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$wrk_rps" "$p50" "$p99" "$(( ${errors:-0} + ${non2xx:-0} ))"
}
