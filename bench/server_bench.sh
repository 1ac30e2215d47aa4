#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# wrk on loopback against sotay-server on the demo province, on SQLite and on a throwaway PostgreSQL 15,
# side by side with nginx serving the same JSON body as a static file (the ceiling). Prints a Markdown
# table for docs/benchmarks.md and whether issue 11's PostgreSQL targets are met (it always exits 0).
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

# The same demo province on PostgreSQL (start_bench_postgres prints no settings: they are in $pg_settings).
start_bench_postgres
pg_port=$(free_port)
seed_start=$(date +%s%N)
SOTAY_ADMIN_PASSWORD=$password build/release/app/sotay-server --database "$pg_url" --listen "127.0.0.1:$pg_port" \
  --demo >"$work/server-pg.log" 2>&1 &
bench_pids+=($!)
wait_for_server "$work/server-pg.log" 3000
pg_seed_ms=$(( ($(date +%s%N) - seed_start) / 1000000 ))
sqlite_officer=$officer sqlite_list_path=$list_path sqlite_commune=$commune
officer_of_median_commune "$pg_port" "$password"
pg_officer=$officer pg_list_path=$list_path
officer=$sqlite_officer list_path=$sqlite_list_path
[ "$commune" = "$sqlite_commune" ] || echo "note: the median commune differs: $sqlite_commune on SQLite, $commune on PostgreSQL" >&2

echo "sotay-server $(build/release/app/sotay-server --version | awk '{print $2}') (RelWithDebInfo, $(default_request_threads) request threads);"
echo "seeding the demo province and starting: SQLite (synchronous=FULL) $seed_ms ms, PostgreSQL $pg_seed_ms ms (target: under 60 s);"
echo "PostgreSQL $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version | awk '{print $3}') on loopback, the same cores, defaults but $pg_settings;"
echo "wrk -t2 -c$connections -d${duration}s on loopback, $(nproc) cores; commune $commune with $commune_count members."
echo
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
search="&q=nguyen"
sync_page="/api/v1/sync/members?limit=1000"
wrk_measure "member list, 50 rows, commune scope" "http://127.0.0.1:$port$list_path" "Authorization: Bearer $officer"
list_rps=$wrk_rps
wrk_measure "member list, same, --no-cache" "http://127.0.0.1:$uncached_port$list_path" "Authorization: Bearer $officer"
wrk_measure "member list, 50 rows, 10th page" "http://127.0.0.1:$port$page10_path" "Authorization: Bearer $officer"
wrk_measure "member search q=nguyen, 50 rows" "http://127.0.0.1:$port$list_path$search" "Authorization: Bearer $officer"
sqlite_search_p99=$wrk_p99_ms
wrk_measure "single member" "http://127.0.0.1:$port$member_path" "Authorization: Bearer $officer"
wrk_measure "/healthz" "http://127.0.0.1:$port/healthz"
# Last on this server: when wrk stops, the server still computes the pages it was asked for, and those
# connections count against the address's 64 until their answers fail; a run right after would be refused.
wrk_measure "sync download, 1,000 members a page" "http://127.0.0.1:$port$sync_page" "Authorization: Bearer $officer"
sqlite_sync_rps=$wrk_rps sqlite_sync_p99=$wrk_p99_ms
wrk_measure "PostgreSQL: member list, 50 rows, commune scope" "http://127.0.0.1:$pg_port$pg_list_path" "Authorization: Bearer $pg_officer"
pg_list_rps=$wrk_rps pg_list_p99=$wrk_p99_ms
wrk_measure "PostgreSQL: member search q=nguyen, 50 rows" "http://127.0.0.1:$pg_port$pg_list_path$search" "Authorization: Bearer $pg_officer"
pg_search_p99=$wrk_p99_ms
wrk_measure "PostgreSQL: sync download, 1,000 members a page" "http://127.0.0.1:$pg_port$sync_page" "Authorization: Bearer $pg_officer"
pg_sync_rps=$wrk_rps pg_sync_p99=$wrk_p99_ms
wrk_measure "nginx: same member-list JSON, static file" "http://127.0.0.1:$nginx_port/members.json"
echo
awk -v s="$list_rps" -v n="$wrk_rps" 'BEGIN { printf "member list (commune scope) at %.1f %% of nginx\n", 100 * s / n }'
verdict() { if [ "$1" = 1 ]; then echo "GOAL MET: $2"; else echo "GOAL NOT MET: $2"; fi; }
verdict "$(awk -v r="$pg_list_rps" -v p="$pg_list_p99" 'BEGIN { print (r >= 2000 && p < 50) }')" \
  "PostgreSQL member list at least 2,000 requests/s with p99 under 50 ms ($pg_list_rps/s, p99 $pg_list_p99 ms)"
verdict "$(awk -v p="$pg_search_p99" 'BEGIN { print (p < 100) }')" \
  "PostgreSQL member search at p99 under 100 ms ($pg_search_p99 ms; SQLite $sqlite_search_p99 ms)"
verdict "$(awk -v r="$pg_sync_rps" -v s="$sqlite_sync_rps" -v p="$pg_sync_p99" -v q="$sqlite_sync_p99" 'BEGIN { print (r >= s && p <= q) }')" \
  "PostgreSQL sync download at least as fast as SQLite's ($pg_sync_rps/s p99 $pg_sync_p99 ms; SQLite $sqlite_sync_rps/s p99 $sqlite_sync_p99 ms)"
