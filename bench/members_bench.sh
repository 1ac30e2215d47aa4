#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The members' API under load (issue 12), on PostgreSQL 15 on loopback, side by side with /healthz in one run:
# participation events in a realistic mix (open, study, quiz, confirm attendance) and the member's feed, driven by
# wrk with bench/members_load.lua as many members signed in at once (bench/members_load.py signs them in), and the
# whole province's participation by child unit for twelve months. Before it, the time to seed the demo province
# with its lived year on SQLite. Prints Markdown for docs/benchmarks.md and whether the targets are met (exit 0).
#   bench/members_bench.sh [duration-seconds] [members]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
member_count=${2:-400}
connections=64

source bench/bench_lib.sh
scripts/setup wrk curl
build_release_server
make_work_dir
password=bench-admin-password
export SOTAY_DEMO_PASSWORD=bench-member-password

# Seeding on SQLite (synchronous=FULL): the province, then its lived year.
port=$(free_port)
seed_start=$(date +%s%N)
start_demo_server "$work/sqlite" "$port" "$password" "$work/server-sqlite.log"
sqlite_seed_ms=$(( ($(date +%s%N) - seed_start) / 1000000 ))
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true

# The same on PostgreSQL, where the benchmarks run.
start_bench_postgres
pg_port=$(free_port)
seed_start=$(date +%s%N)
SOTAY_ADMIN_PASSWORD=$password build/release/app/sotay-server --database "$pg_url" --listen "127.0.0.1:$pg_port" \
  --demo >"$work/server-pg.log" 2>&1 &
server_pid=$!
wait_for_server "$work/server-pg.log" 6000
pg_seed_ms=$(( ($(date +%s%N) - seed_start) / 1000000 ))
base="http://127.0.0.1:$pg_port"

prepared=$(bench/members_load.py "$base" "$password" "$SOTAY_DEMO_PASSWORD" "$member_count" "$work/members.lua")
admin=$(sign_in "$pg_port" admin "$password")
to=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
from=$(date -d "$(date +%Y-%m-01) -12 month" +%Y-%m)
participation="/api/v1/participation?org=1&from=$from&to=$to&by=child"
rows=$(curl -sf -H "Authorization: Bearer $admin" "$base$participation" | json "len(d['rows'])")

echo "sotay-server $(build/release/app/sotay-server --version | awk '{print $2}') (RelWithDebInfo, $(default_request_threads) request threads);"
grep "Đã tạo một năm" "$work/server-pg.log" | sed 's/^/PostgreSQL demo: /'
echo "seeding the demo province with its lived year and starting: SQLite (synchronous=FULL) $sqlite_seed_ms ms (target: under 120 s), PostgreSQL $pg_seed_ms ms;"
echo "PostgreSQL $("$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/postgres" --version | awk '{print $3}') on loopback, the same cores, defaults but $pg_settings;"
echo "load: $prepared; wrk -t2 -c$connections -d${duration}s on loopback, $(nproc) cores, the server and wrk on the same machine."
echo
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
wrk_measure "/healthz" "$base/healthz"
run_load() {
  local name=$1 mode=$2
  wrk_report "$name" "$(SOTAY_LOAD_DATA="$work/members.lua" SOTAY_LOAD_MODE=$mode \
    wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/members_load.lua "$base")"
}
events_before=$(curl -sf -H "Authorization: Bearer $admin" "$base/api/v1/participation?org=1&from=$(date +%Y-%m)&to=$(date +%Y-%m)&by=child" |
  json "sum(d['totals']['total'][k] for k in ('itemsOpened','lessonsStudied','quizAttempts'))")
run_load "participation events: open 50 %, study 20 %, quiz 20 %, confirm 10 %" acts
acts_rps=$wrk_rps acts_p99=$wrk_p99_ms
# The connections of the run before still count against the address's limit until the server has answered
# what they asked: a pause, or the next run would be refused.
sleep 10
run_load "member's feed, first page (20 items)" feed
feed_rps=$wrk_rps feed_p99=$wrk_p99_ms
sleep 10
connections=2 # one for each of wrk's two threads: the latency of one officer's report, not a load
wrk_measure "participation, whole province by child unit, $from to $to ($rows rows), 2 connections" \
  "$base$participation" "Authorization: Bearer $admin"
participation_p99=$wrk_p99_ms
sleep 4 # the aggregates' feed batch runs every few seconds; the counters are already in the aggregates
events_after=$(curl -sf -H "Authorization: Bearer $admin" "$base/api/v1/participation?org=1&from=$(date +%Y-%m)&to=$(date +%Y-%m)&by=child" |
  json "sum(d['totals']['total'][k] for k in ('itemsOpened','lessonsStudied','quizAttempts'))")
echo
echo "the aggregates of this month grew by $((events_after - events_before)) (first openings, studies and attempts counted during the run)"
verdict() { if [ "$1" = 1 ]; then echo "GOAL MET: $2"; else echo "GOAL NOT MET: $2"; fi; }
verdict "$(awk -v s="$sqlite_seed_ms" 'BEGIN { print (s < 120000) }')" "seeding on SQLite under 120 s ($sqlite_seed_ms ms)"
verdict "$(awk -v r="$acts_rps" -v p="$acts_p99" 'BEGIN { print (r >= 2000 && p < 50) }')" \
  "participation events on PostgreSQL at least 2,000/s with p99 under 50 ms ($acts_rps/s, p99 $acts_p99 ms)"
verdict "$(awk -v r="$feed_rps" -v p="$feed_p99" 'BEGIN { print (r >= 3000 && p < 50) }')" \
  "member's feed at least 3,000 requests/s with p99 under 50 ms ($feed_rps/s, p99 $feed_p99 ms)"
verdict "$(awk -v p="$participation_p99" 'BEGIN { print (p < 100) }')" \
  "whole province's participation for 12 months under 100 ms (p99 $participation_p99 ms)"
