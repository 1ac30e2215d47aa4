#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The console on a large province: the models (tree load and search, a 200,000-row roster loaded and
# filtered keystroke by keystroke, the memory they hold), then the cold start of the real console on a
# whole-province replica, from the process start to the first paint of the tree and the roster.
#   bench/console_bench.sh [members-for-the-models, default 200000]
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-200000}

scripts/setup curl
cmake --preset release >/dev/null
cmake --build --preset release --target sotay-server sotay-console sotay-console-models-bench >/dev/null

work=$(mktemp -d /tmp/sotay-console-bench.XXXXXX)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work/xdg" HOME="$work/home"
mkdir -p "$XDG_RUNTIME_DIR" "$HOME" && chmod 700 "$XDG_RUNTIME_DIR"

echo "## models, $members members"
build/release/bench/sotay-console-models-bench "$work/models.sqlite" "$members"
echo "(again, the database warm in the page cache)"
build/release/bench/sotay-console-models-bench "$work/models.sqlite" "$members"

source bench/bench_lib.sh
port=$(free_port)
password=bench-admin-password
echo "$password" >"$work/password"
start_demo_server "$work/data" "$port" "$password" "$work/server.log"
build/release/app/sotay-console sync --server "http://127.0.0.1:$port" --user admin --password-file "$work/password" \
  --replica "$work/replica.sqlite" >/dev/null
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=

echo "## cold start on the whole-province replica (admin), server stopped"
for run in 1 2 3; do
  start=$(date +%s%N)
  line=$(build/release/app/sotay-console --replica "$work/replica.sqlite" --user admin \
    --password-file "$work/password" --quit-after-start)
  end=$(date +%s%N)
  echo "run $run: $line; process wall time $(( (end - start) / 1000000 )) ms"
done
