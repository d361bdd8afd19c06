#!/usr/bin/env bash
# A light (SPV) wallet beside the tutorial's network, in a fresh temporary directory: central node 3000, miner 3002 and
# a light wallet node 3003 that keeps only headers and its own transactions (BIP 37 filters, Merkle proofs). A payment
# to the light wallet shows pending (1/6), then confirmed once 6 blocks lie on top; the light wallet pays back from its
# own coins; the database sizes are compared. Every wait is bounded; any mismatch exits non-zero.
#   --quiet   only the step titles and the checks
#   --clean   remove the temporary directory with the node logs afterwards
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
quiet=0 clean=0
for arg in "$@"; do
  case $arg in
    --quiet) quiet=1 ;;
    --clean) clean=1 ;;
    -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "error: unknown option '$arg' (see 'scripts/spv-demo.sh --help')" >&2; exit 1 ;;
  esac
done
. "$root/scripts/lib.sh"
lib_demo_start blockchain_cs_spv
step() { printf '\n== %s\n' "$*"; }
run() { # run ID ARGS...: a command typed on node ID's terminal, its output shown (kept in $out)
  local id=$1; shift
  [ $quiet = 1 ] || echo "[$id] \$ blockchain_cs $*"
  out=$(node "$id" "$@")
  [ $quiet = 1 ] || sed "s/^/[$id] /" <<<"$out"
}
wait_height() { lib_wait_for 60 "node $1 to reach height $2" at_height "$1" "$2"; }
light_sees() { node 3003 listtransactions | grep -q "$1"; }
wait_light() { lib_wait_for 60 "the light wallet to show '$1'" light_sees "$1"; }
start_node() { local id=$1; shift; [ $quiet = 1 ] || echo "[$id] \$ blockchain_cs startnode $*"; lib_start_node "$id" "$id.log" "$@" && pids+=("$lib_pid"); }
failures=0
expect() { # label expected actual
  if [ "$2" = "$3" ]; then echo "ok   $1: $3"; else echo "FAIL $1: '$3', expected '$2'"; failures=$((failures + 1)); fi
}
pay_and_mine() { # from to amount height: the central node's wallet pays, the miner mines it, everyone reaches height
  run 3000 send -from "$1" -to "$2" -amount "$3"
  wait_height 3000 "$4"
}

step "NODE 3000: the central node creates a wallet and the blockchain; every node starts from a copy of its genesis"
run 3000 createwallet; CENTRAL=$(awk '{print $NF}' <<<"$out")
run 3000 createblockchain -address "$CENTRAL"
cp blockchain_3000.db blockchain_genesis.db

step "NODE 3002: the miner (it mines as soon as one transaction waits: --mine-min-txs 1)"
run 3002 createwallet; MINER=$(awk '{print $NF}' <<<"$out")
cp blockchain_genesis.db blockchain_3002.db
start_node 3000
start_node 3002 -miner "$MINER" --mine-min-txs 1

step "NODE 3003: a light wallet node: headers and its own transactions only"
run 3003 createwallet; LIGHT=$(awk '{print $NF}' <<<"$out")
cp blockchain_genesis.db blockchain_3003.db
start_node 3003 -spv

step "NODE 3000: pays 4 coins to the light wallet; the miner mines block 1"
pay_and_mine "$CENTRAL" "$LIGHT" 4 1
wait_light "block 1, depth 1"
run 3003 listtransactions
run 3003 getbalance -address "$LIGHT"
expect "light wallet, 1 block deep" "Balance of '$LIGHT': 0|Pending: 4 (4 with 1-5 confirmations, 0 unconfirmed)" "$(tr '\n' '|' <<<"$out" | sed 's/|$//')"

step "Five more blocks (the central node pays the miner 1 coin each time): the payment is 6 blocks deep"
for h in 2 3 4 5 6; do pay_and_mine "$CENTRAL" "$MINER" 1 "$h"; done
wait_light "depth 6"
run 3003 listtransactions
run 3003 getbalance -address "$LIGHT"
expect "light wallet, 6 blocks deep" "Balance of '$LIGHT': 4|Pending: 0 (0 with 1-5 confirmations, 0 unconfirmed)" "$(tr '\n' '|' <<<"$out" | sed 's/|$//')"
run 3000 getbalance -address "$LIGHT"
expect "the full node agrees" "Balance of '$LIGHT': 4" "$out"

step "NODE 3003: the light wallet pays 1 coin back from its own coins, through the central node"
run 3003 send -from "$LIGHT" -to "$CENTRAL" -amount 1
wait_height 3000 7
wait_light "block 7"
run 3003 listtransactions
run 3003 getbalance -address "$LIGHT" --min-conf 1
expect "light wallet after paying back (--min-conf 1)" "Balance of '$LIGHT': 3|Pending: 0 (0 unconfirmed)" "$(tr '\n' '|' <<<"$out" | sed 's/|$//')"

step "Stopping the nodes (Ctrl-C)"
lib_stop_node "${pids[2]}" 3003; lib_stop_node "${pids[1]}" 3002; lib_stop_node "${pids[0]}" 3000
pids=()
step "What each node keeps (after a clean stop, so each database is one file)"
size() { local total=0 f; for f in "$@"; do [ -f "$f" ] && total=$((total + $(wc -c <"$f"))); done; echo "$total"; }
full_bytes=$(size blockchain_3000.db blockchain_3000.db-wal)
light_bytes=$(size spv_3003.db spv_3003.db-wal)
echo "full node 3000:    blockchain_3000.db  $full_bytes bytes (blocks, UTXO set, undo data, indexes)"
echo "light wallet 3003: spv_3003.db         $light_bytes bytes (headers, its own transactions and their proofs)"
echo "(at 7 blocks both are mostly SQLite's fixed pages; from here a full node grows by whole blocks, a light wallet by 88-byte headers)"

grep -h "bytes downloaded" 3003.log | tail -1
if [ $failures -ne 0 ]; then echo "spv-demo: $failures check(s) failed" >&2; exit 1; fi
echo
echo "spv-demo passed: the payment went from pending (1/6) to confirmed (6/6) on the light wallet"
[ $clean = 1 ] || echo "node logs: $work/3000.log, 3002.log, 3003.log (--clean removes them)"
