# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the bench scripts (sourced, from the repository's root): a free loopback port, and waiting for
# a sotay-server started in the background to answer.

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && { echo "$p"; return; }
  done
}

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
