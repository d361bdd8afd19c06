#!/usr/bin/env bash
# Replays the tutorial's three-terminal network demo (part 7) in a fresh temporary directory: central node 3000,
# wallet node 3001, miner 3002. It shows, step by step, the commands typed and what every node printed (prefixed
# with its NODE_ID, in the order it happened), checks every balance on all three nodes, and exits non-zero on any
# mismatch or hang (every wait is bounded).
#   --quiet   only the step titles and the checks (the node logs are still kept)
#   --clean   remove the temporary directory with the node logs afterwards (by default its path is printed)
#   --page    leave the three nodes running at the end and print the addresses of their live pages
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quiet=0 clean=0 page=0
for arg in "$@"; do
  case $arg in
    --quiet) quiet=1 ;;
    --clean) clean=1 ;;
    --page) page=1 ;;
    -h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$arg' (see 'scripts/demo.sh --help')" >&2; exit 1 ;;
  esac
done
. "$root/scripts/lib.sh"
lib_demo_start blockchain_cs_demo

# What each node printed since the last call, merged in time order, as "[3000] Received version command from ...".
declare -A shown=()
show_logs() {
  [ $quiet = 1 ] && return 0
  local log id n merged="$work/.merged"
  : >"$merged"
  for log in 3000.log 3001.log 3002.log; do
    [ -f "$log" ] || continue
    id=${log%.log}; n=$(wc -l <"$log")
    sed -n "$((${shown[$log]:-0} + 1)),${n}p" "$log" | awk -v id="$id" '
      $1 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]+$/ { t = $1; m = substr($0, length($1) + 2); sub(/^[a-z]+ +/, "", m)
                                                          printf "%s\t[%s] %s\n", t, id, m; next }
      { printf "%s\t[%s] %s\n", (t == "" ? "00:00:00.000" : t), id, $0 }' >>"$merged"
    shown[$log]=$n
  done
  sort -s -t "$(printf '\t')" -k1,1 "$merged" | cut -f2-
}

step() { show_logs; printf '\n== %s\n' "$*"; }

# run ID ARGS...: types a command on node ID's terminal and shows its output; `run -q` leaves the output in $out.
run() {
  local id=$1; shift
  [ $quiet = 1 ] || echo "[$id] \$ blockchain_cs $*"
  out=$(node "$id" "$@")
  if [ $quiet = 1 ]; then echo "$out"; else sed "s/^/[$id] /" <<<"$out"; fi
}

# Waits (bounded) until node $1's chain reaches height $2.
wait_height() {
  lib_wait_for "${3:-60}" "node $1 to reach height $2" at_height "$1" "$2" || { echo "node $1 is at height $(height "$1")" >&2; return 1; }
}

start_node() { # id [args...]: "startnode" typed on the node's terminal; its output goes to ID.log
  local id=$1; shift
  [ $quiet = 1 ] || echo "[$id] \$ blockchain_cs startnode $*"
  lib_start_node "$id" "$id.log" "$@" && pids+=("$lib_pid")
}
stop_node() { show_logs; [ $quiet = 1 ] || echo "[$1] (Ctrl-C)"; lib_stop_node "$2" "$1"; }   # id pid

failures=0
expect_balance() { # id address expected label
  local line; line=$(node "$1" getbalance -address "$2")
  local got=${line##*: }
  if [ "$got" = "$3" ]; then echo "ok   node $1  $4 = $got"; else echo "FAIL node $1  $4 = $got, expected $3"; failures=$((failures + 1)); fi
}

step "NODE 3000: the central node creates a wallet and the blockchain"
run 3000 createwallet; CENTRAL_NODE=$(awk '{print $NF}' <<<"$out")
run 3000 createblockchain -address "$CENTRAL_NODE"
[ $quiet = 1 ] || echo "[3000] \$ cp blockchain_3000.db blockchain_genesis.db   # the genesis block, for the other nodes"
cp blockchain_3000.db blockchain_genesis.db

step "NODE 3001: the wallet node generates four wallets"
run 3001 createwallet; WALLET_1=$(awk '{print $NF}' <<<"$out")
run 3001 createwallet; WALLET_2=$(awk '{print $NF}' <<<"$out")
run 3001 createwallet; WALLET_3=$(awk '{print $NF}' <<<"$out")
run 3001 createwallet; WALLET_4=$(awk '{print $NF}' <<<"$out")

step "NODE 3000: send 10 coins to WALLET_1 and WALLET_2, mining each block at once (-mine)"
run 3000 send -from "$CENTRAL_NODE" -to "$WALLET_1" -amount 10 -mine
run 3000 send -from "$CENTRAL_NODE" -to "$WALLET_2" -amount 10 -mine

step "NODE 3000: start the central node (it runs until the end)"
start_node 3000

step "NODE 3001: start from the genesis block; the node downloads the two blocks (version, getblocks, inv, getdata, block)"
[ $quiet = 1 ] || echo "[3001] \$ cp blockchain_genesis.db blockchain_3001.db"
cp blockchain_genesis.db blockchain_3001.db
start_node 3001
wait_height 3001 2
step "NODE 3001: stop the node and check the balances"
stop_node 3001 "${pids[-1]}"; unset 'pids[-1]'
expect_balance 3001 "$WALLET_1" 10 WALLET_1
expect_balance 3001 "$WALLET_2" 10 WALLET_2

step "NODE 3002: the miner starts from the genesis block, with a wallet for its rewards, and syncs"
run 3002 createwallet; MINER_WALLET=$(awk '{print $NF}' <<<"$out")
[ $quiet = 1 ] || echo "[3002] \$ cp blockchain_genesis.db blockchain_3002.db"
cp blockchain_genesis.db blockchain_3002.db
start_node 3002 -miner "$MINER_WALLET"
wait_height 3002 2

step "NODE 3001: send coins without -mine. The central node takes each one (tx) and announces it to the miner (inv);
   with two in its mempool the miner mines a block (New block is mined!) and announces it back (inv, getdata, block)"
run 3001 send -from "$WALLET_1" -to "$WALLET_3" -amount 1
run 3001 send -from "$WALLET_2" -to "$WALLET_4" -amount 1
wait_height 3002 3
wait_height 3000 3

step "NODE 3001: start again and download the new block"
start_node 3001
wait_height 3001 3
stop_node 3001 "${pids[-1]}"; unset 'pids[-1]'

step "Balances on every node (3000 and 3002 are still running)"
for id in 3001 3000 3002; do
  expect_balance $id "$WALLET_1" 9 WALLET_1
  expect_balance $id "$WALLET_2" 9 WALLET_2
  expect_balance $id "$WALLET_3" 1 WALLET_3
  expect_balance $id "$WALLET_4" 1 WALLET_4
  expect_balance $id "$MINER_WALLET" 10 MINER_WALLET
  expect_balance $id "$CENTRAL_NODE" 10 CENTRAL_NODE
done
for line in "Received version command" "Received inventory with 2 blocks" "Received a new block!" "Added block" "New block is mined!"; do
  grep -qF "$line" 3000.log 3001.log 3002.log || { echo "FAIL: no node logged '$line'"; failures=$((failures + 1)); }
done

if [ $page = 1 ]; then
  if [ $failures -ne 0 ]; then echo "demo: $failures check(s) failed" >&2; exit 1; fi
  step "The live pages: the three nodes keep running (3001 starts again)"
  start_node 3001
  show_logs
  echo
  for id in 3000 3001 3002; do echo "node $id: $(node $id page)"; done
  cat <<EOF

Open each address in a browser. Then follow a payment from the wallet node to the miner's block, in $work:
  cd $work
  NODE_ID=3001 $bin send -from $WALLET_3 -to $WALLET_1 -amount 1    # waits in the mempools
  NODE_ID=3001 $bin send -from $WALLET_4 -to $WALLET_2 -amount 1    # the second one: the miner mines a block
Stop the nodes when done:
  for id in 3000 3001 3002; do NODE_ID=\$id $bin stop; done
The node logs are $work/3000.log, 3001.log, 3002.log.
EOF
  pids=() lib_keep_work=all   # the nodes outlive this script, in their directory
  exit 0
fi

step "Stopping the central node and the miner (Ctrl-C)"
stop_node 3002 "${pids[1]}"; stop_node 3000 "${pids[0]}"
pids=()
show_logs
if [ $failures -ne 0 ]; then echo "demo: $failures check(s) failed" >&2; exit 1; fi
echo
echo "demo passed: balances 9, 9, 1, 1 and miner 10 on all three nodes"
[ $clean = 1 ] || echo "full node logs: $work/3000.log, 3001.log, 3002.log (--clean removes them)"
