# scripts/lib.sh: the node start/stop helpers shared by demo.sh and network.sh (sourced, never run).
# Every wait is bounded. The sourcing script sets $bin (the CLI) and $work (its temporary directory), and calls
# lib_cleanup from its EXIT trap.

# lib_start_node ID LOG [ARGS...]: runs `NODE_ID=ID $bin startnode ARGS` in the background, appending to LOG, and
# waits (at most 30 s) for its "Node listening" line (a light wallet's "Light wallet node:"). The new process id is
# left in $lib_pid.
lib_start_node() {
  local id=$1 log=$2 seen ready="Node listening" deadline=$((SECONDS + 30)); shift 2
  case " $* " in *" -spv "*|*" --spv "*) ready="Light wallet node:" ;; esac
  touch "$log"
  seen=$(grep -c "$ready" "$log") || true
  NODE_ID=$id "$bin" startnode "$@" >>"$log" 2>&1 &
  lib_pid=$!
  until [ "$(grep -c "$ready" "$log")" -gt "$seen" ]; do
    kill -0 "$lib_pid" 2>/dev/null || { echo "node $id exited at start:" >&2; tail -n 20 "$log" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "node $id did not start within 30 s" >&2; return 1; }
    sleep 0.1
  done
}

# lib_stop_node PID ID: SIGTERM, then expects the clean shutdown's exit code 0.
lib_stop_node() {
  kill -TERM "$1"
  wait "$1" || { echo "node $2 did not shut down cleanly" >&2; return 1; }
}

# lib_wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.2 s until it succeeds; fails naming WHAT on timeout.
lib_wait_for() {
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@"; do
    [ $SECONDS -lt $deadline ] || { echo "timed out after $1 s waiting for $what" >&2; return 1; }
    sleep 0.2
  done
}

# lib_cleanup STATUS TAIL_LINES PIDS...: stops what is still running and, on failure, prints the logs' tails.
lib_cleanup() {
  local status=$1 lines=$2 pid log; shift 2
  # lib_keep_work=all: nodes were left running on purpose, in $work; nothing to stop, wait for or remove.
  if [ "$status" -eq 0 ] && [ "${lib_keep_work:-0}" = all ]; then return 0; fi
  for pid in "$@"; do [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    echo "$(basename "$0") FAILED (exit $status); logs:" >&2
    for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -n "$lines" "$log" >&2; }; done
  fi
  # A successful run may keep its directory (the logs) when the script asks: lib_keep_work=1.
  if [ "$status" -eq 0 ] && [ "${lib_keep_work:-0}" = 1 ]; then rm -f "$work"/*.db "$work"/*.db-* "$work"/*.dat; else rm -rf "$work"; fi
}

# lib_loopback_per_node: true where every 127.0.0.N address is usable without set-up (Linux; not macOS by default).
lib_loopback_per_node() { [ "$(uname -s)" = Linux ]; }

# The demos' shared start (demo.sh, spv-demo.sh), sourced after their options are read: builds, makes the temporary
# directory NAME.XXXXXX, stops what is still running at exit (keeping the logs unless $clean is 1), and moves there.
# Sets $bin, $work and $pids, and the helpers node ID ARGS (a command with NODE_ID=ID), height ID, at_height ID H.
lib_demo_start() {
  # scripts/test.sh has just published bin/ and says so (BLOCKCHAIN_CS_BUILT=1): no second build of the same sources.
  if [ "${BLOCKCHAIN_CS_BUILT:-0}" != 1 ] || [ ! -x "$root/bin/blockchain_cs" ]; then "$root/scripts/build.sh"; fi
  bin="$root/bin/blockchain_cs"
  work="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  pids=()
  lib_keep_work=$((1 - ${clean:-0}))
  trap 'lib_cleanup $? 25 "${pids[@]:-}"' EXIT
  cd "$work"
}
node() { local id=$1; shift; NODE_ID=$id "$bin" "$@"; }
height() { node "$1" utxodigest | awk '{print $2}'; }
at_height() { [ "$(height "$1")" -ge "$2" ]; }

# The demos' shared steps (spv-demo.sh, pool-demo.sh; they set $quiet and count $failures): a step title; a command
# typed on a node's terminal, shown with its output (kept in $out); a check; a node started and its pid kept; a wait.
step() { printf '\n== %s\n' "$*"; }
run() { # run ID ARGS...
  local id=$1; shift
  [ "${quiet:-0}" = 1 ] || echo "[$id] \$ blockchain_cs $*"
  out=$(node "$id" "$@")
  [ "${quiet:-0}" = 1 ] || sed "s/^/[$id] /" <<<"$out"
}
expect() { # expect LABEL EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: '$3', expected '$2'"; failures=$((failures + 1)); fi
}
start_node() { # start_node ID ARGS...: its log in ID.log
  local id=$1; shift
  [ "${quiet:-0}" = 1 ] || echo "[$id] \$ blockchain_cs startnode $*"
  lib_start_node "$id" "$id.log" "$@" && pids+=("$lib_pid")
}
wait_height() { lib_wait_for 60 "node $1 to reach height $2" at_height "$1" "$2"; }
failures=0

# lib_demo_options SCRIPT ARGS...: the options spv-demo.sh and pool-demo.sh share (--quiet, --clean, --help: the
# script's header comment); sets $quiet and $clean.
lib_demo_options() {
  local script=$1 arg; shift
  quiet=0 clean=0
  for arg in "$@"; do
    case $arg in
      --quiet) quiet=1 ;;
      --clean) clean=1 ;;
      -h|--help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$script"; exit 0 ;;
      *) echo "error: unknown option '$arg' (see '$(basename "$script") --help')" >&2; exit 1 ;;
    esac
  done
}
