#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 10, §2: does sotay-server stay up under a flood? One run against one sotay-server on the demo
# province (SQLite, loopback), in three phases:
#   1. baseline: steady probes (bench/flood_load.py probe, from 127.0.0.1) against the idle server;
#   2. the member list under wrk next to nginx serving the same body (as bench/server_bench.sh);
#   3. flood: the same probes while 80 sign-in flooders and 200 slow clients (bench/flood_load.py attack,
#      from 127.0.0.2 upwards) run.
# Prints Markdown tables for docs/benchmarks.md and whether issue 10's figures are met. It measures and
# reports: the exit status is 0 whatever the figures.
#   bench/flood_bench.sh [probe-seconds] [wrk-seconds]      (defaults 25 and 15: about 3 minutes)
# FLOOD_EACH_KIND=1 adds a run of each kind of attacker alone (about 40 s each with 25 s of probes).
# FLOOD_NICE (default 10) is the nice level of the attack, so that on a shared machine the attackers,
# who in real life would run elsewhere, take CPU from the server and the probes only when they idle.
set -euo pipefail
cd "$(dirname "$0")/.."
probe_seconds=${1:-25}
duration=${2:-15}
connections=64
attack_nice=${FLOOD_NICE:-10}
python=/usr/bin/python3

source bench/bench_lib.sh
scripts/setup wrk nginx-light curl python3
build_release_server
make_work_dir
# 280 attacking connections, the probes' and the server's own: more than the usual 1,024 descriptors.
if [ "$(ulimit -n)" -lt 4096 ]; then ulimit -n 4096 2>/dev/null || true; fi

port=$(free_port)
password=bench-admin-password
start_demo_server "$work/data" "$port" "$password" "$work/server.log"
officer_of_median_commune "$port" "$password"
nginx_port=$(free_port)
start_static_nginx "$nginx_port" "$work/members.json"

# cpu_seconds PID: user and system time the process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$1/stat"; }
now() { date +%s.%N; }
# server_cpu CPU_SECONDS_BEFORE TIME_BEFORE: the server's share of one core since then.
server_cpu() {
  awk -v a="$1" -v b="$(cpu_seconds "$server_pid")" -v t="$2" -v n="$(now)" \
    'BEGIN { printf "%.0f %%", 100 * (b - a) / (n - t) }'
}

probe() { # PHASE OUT
  $python bench/flood_load.py probe --port "$port" --seconds "$probe_seconds" --token "$officer" \
    --member-path "$member_path" --user officer.bench --password "$officer_password" --phase "$1" --out "$work/$2.json"
}

echo "sotay-server $(build/release/app/sotay-server --version | awk '{print $2}') (RelWithDebInfo, SQLite, $(default_request_threads) request threads) on"
echo "loopback, $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(uname -sr),"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the start. Commune $commune ($commune_count members);"
echo "member read $member_path as its officer. Server, probes and wrk at nice 0, the attack at nice $attack_nice."
echo

# Phase 1: the idle server.
cpu=$(cpu_seconds "$server_pid") t=$(now)
probe "baseline" baseline
echo "Baseline: ${probe_seconds} s of probes; the server used $(server_cpu "$cpu" "$t") of a core."
echo

# Phase 2: the member list against nginx.
echo "Member list: wrk -t2 -c$connections -d${duration}s --latency, then nginx serving the same body."
echo
echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
wrk_measure "member list, 50 rows, commune scope" "http://127.0.0.1:$port$list_path" "Authorization: Bearer $officer"
list_rps=$wrk_rps list_p99_ms=$wrk_p99_ms
wrk_measure "nginx: same member-list JSON, static file" "http://127.0.0.1:$nginx_port/members.json"
nginx_rps=$wrk_rps
echo
sleep 6 # wrk's kept-alive connections are closed after 5 s idle; the flood starts on a quiet server

# flood PHASE OUT [flood_load.py attack options]: the probes while the attack runs. The attack starts 5 s
# before the probes (every slow client connected) and ends 6 s after them, so that a probe started last
# and timing out still runs under the attack.
flood() {
  local phase=$1 out=$2 ramp=5 cpu t
  shift 2
  nice -n "$attack_nice" $python bench/flood_load.py attack --port "$port" --seconds $((probe_seconds + ramp + 6)) \
    --out "$work/$out-attack.json" "$@" &
  attack_pid=$!
  bench_pids+=("$attack_pid")
  sleep "$ramp"
  cpu=$(cpu_seconds "$server_pid") t=$(now)
  probe "$phase" "$out"
  echo "$phase: ${probe_seconds} s of probes; the server used $(server_cpu "$cpu" "$t") of a core."
  wait "$attack_pid" || true
}

# Phase 3: the flood.
flood flood flood
echo "Load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo

$python bench/flood_report.py --probes "$work/baseline.json" "$work/flood.json" --attack "$work/flood-attack.json" \
  --list-rps "$list_rps" --list-p99-ms "$list_p99_ms" --nginx-rps "$nginx_rps" || true

# FLOOD_EACH_KIND=1: then each kind of attacker alone, each against the server started again on the same
# database (so that no sign-in failures or connections carry over).
if [ "${FLOOD_EACH_KIND:-0}" = 1 ]; then
  for spec in "80 sign-in flooders:80:0,0,0" "70 slow heads:0:70,0,0" "70 idle:0:0,70,0" \
    "60 short bodies:0:0,0,60"; do
    IFS=: read -r name flooders mix <<<"$spec"
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    port=$(free_port)
    start_demo_server "$work/data" "$port" "$password" "$work/server-alone.log"
    echo
    echo "### Alone: $name"
    flood "alone: $name" alone --flooders "$flooders" --mix "$mix"
    echo
    $python bench/flood_report.py --probes "$work/alone.json" --attack "$work/alone-attack.json" --no-goal || true
  done
fi
exit 0
