#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# wrk on loopback against sotay-server on the demo province (SQLite), side by side with nginx serving the
# same JSON body as a static file (the ceiling). Prints a Markdown table for docs/benchmarks.md.
#   bench/server_bench.sh [duration-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
connections=64

source bench/bench_lib.sh
scripts/setup wrk nginx-light curl
build_release_server
make_work_dir

port=$(free_port)
password=bench-admin-password
seed_start=$(date +%s%N)
start_demo_server "$work/data" "$port" "$password" "$work/server.log"
seed_ms=$(( ($(date +%s%N) - seed_start) / 1000000 ))

# A commune of median size, an officer who works in it, its first page and one of its members.
officer_of_median_commune "$port" "$password"
# The tenth page, reached by following the cursors as a client would.
page10_path=$list_path
for _ in $(seq 1 9); do
  next=$(curl -sf -H "Authorization: Bearer $officer" "http://127.0.0.1:$port$page10_path" | json "d['next']")
  page10_path="$list_path&after=$next"
done

# The same server on the same database with nothing kept between requests: the roster sorted and every
# member read and written as JSON on each request.
uncached_port=$(free_port)
build/release/app/sotay-server --data "$work/data" --listen "127.0.0.1:$uncached_port" --no-cache \
  >"$work/server-uncached.log" 2>&1 &
bench_pids+=($!)
wait_for_server "$work/server-uncached.log" 100

# nginx serving the same member-list body as a static file.
nginx_port=$(free_port)
start_static_nginx "$nginx_port" "$work/members.json"

echo "sotay-server $(build/release/app/sotay-server --version | awk '{print $2}') (RelWithDebInfo, SQLite, $(default_request_threads) request threads);"
echo "seeding the demo province on SQLite (synchronous=FULL) and starting: $seed_ms ms (target: under 60 s)"
echo "wrk -t2 -c$connections -d${duration}s on loopback, $(nproc) cores; commune $commune with $commune_count members."
echo
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
wrk_measure "member list, 50 rows, commune scope" "http://127.0.0.1:$port$list_path" "Authorization: Bearer $officer"
list_rps=$wrk_rps
wrk_measure "member list, same, --no-cache" "http://127.0.0.1:$uncached_port$list_path" "Authorization: Bearer $officer"
wrk_measure "member list, 50 rows, 10th page" "http://127.0.0.1:$port$page10_path" "Authorization: Bearer $officer"
wrk_measure "single member" "http://127.0.0.1:$port$member_path" "Authorization: Bearer $officer"
wrk_measure "/healthz" "http://127.0.0.1:$port/healthz"
wrk_measure "nginx: same member-list JSON, static file" "http://127.0.0.1:$nginx_port/members.json"
echo
awk -v s="$list_rps" -v n="$wrk_rps" 'BEGIN { printf "member list (commune scope) at %.1f %% of nginx\n", 100 * s / n }'
