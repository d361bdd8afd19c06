#!/usr/bin/env bash
# Light (SPV) wallets beside the tutorial's network, in a fresh temporary directory: central node 3000, miner 3002, and
# two light wallet nodes that keep only headers and their own transactions: 3003 with compact filters (BIP 157/158,
# the default) and 3004 with a bloom filter (BIP 37). A payment to each shows pending (1/6), then confirmed once 6
# blocks lie on top; the first pays back from its own coins; then, for each mode, the bytes it downloaded and what
# the serving nodes could learn, and the database sizes. Every wait is bounded; any mismatch exits non-zero.
#   --quiet   only the step titles and the checks
#   --clean   remove the temporary directory with the node logs afterwards
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/lib.sh"
lib_demo_options "$0" "$@"
lib_demo_start blockchain_cs_spv
light_sees() { node "$1" listtransactions | grep -q "$2"; }
wait_light() { lib_wait_for 60 "light wallet $1 to show '$2'" light_sees "$1" "$2"; }
pay_and_mine() { # id from to amount height: node ID's wallet pays (through the central node), the miner mines it
  run "$1" send -from "$2" -to "$3" -amount "$4" --seed localhost:3000
  wait_height 3000 "$5"
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

step "NODES 3003 and 3004: light wallet nodes, headers and their own transactions only"
echo "   3003 tests each block's compact filter itself (the default; it compares filter headers from two full nodes),"
echo "   3004 gives the full nodes a bloom filter of its address (--bloom)"
run 3003 createwallet; LIGHT=$(awk '{print $NF}' <<<"$out")
cp blockchain_genesis.db blockchain_3003.db
start_node 3003 -spv --seed localhost:3000 --seed localhost:3002
run 3004 createwallet; BLOOMY=$(awk '{print $NF}' <<<"$out")
cp blockchain_genesis.db blockchain_3004.db
start_node 3004 -spv --bloom

step "NODE 3000: pays 4 coins to each light wallet; the miner mines blocks 1 and 2"
pay_and_mine 3000 "$CENTRAL" "$LIGHT" 4 1
pay_and_mine 3000 "$CENTRAL" "$BLOOMY" 4 2
wait_light 3003 "block 1, depth 2"
wait_light 3004 "block 2, depth 1"
run 3004 listtransactions
run 3004 getbalance -address "$BLOOMY"
expect "bloom light wallet, 1 block deep" "Balance of '$BLOOMY': 0|Pending: 4 (4 with 1-5 confirmations, 0 unconfirmed)" "$(tr '\n' '|' <<<"$out" | sed 's/|$//')"

step "Five more blocks (the miner pays the central node 1 coin each time): both payments are 6 blocks deep or more"
for h in 3 4 5 6 7; do pay_and_mine 3002 "$MINER" "$CENTRAL" 1 "$h"; done
wait_light 3003 "depth 7"
wait_light 3004 "depth 6"
for id in 3003 3004; do
  address=$LIGHT; [ $id = 3004 ] && address=$BLOOMY
  run $id listtransactions
  run $id getbalance -address "$address"
  expect "light wallet $id, 6+ blocks deep" "Balance of '$address': 4|Pending: 0 (0 with 1-5 confirmations, 0 unconfirmed)" "$(tr '\n' '|' <<<"$out" | sed 's/|$//')"
  run 3000 getbalance -address "$address"
  expect "the full node agrees" "Balance of '$address': 4" "$out"
done

step "NODE 3003: the light wallet pays 1 coin back from its own coins, through the central node"
run 3003 send -from "$LIGHT" -to "$CENTRAL" -amount 1
wait_height 3000 8
wait_light 3003 "block 8"
run 3003 listtransactions
run 3003 getbalance -address "$LIGHT" --min-conf 1
expect "light wallet after paying back (--min-conf 1)" "Balance of '$LIGHT': 3|Pending: 0 (0 unconfirmed)" "$(tr '\n' '|' <<<"$out" | sed 's/|$//')"

step "Stopping the nodes (Ctrl-C)"
lib_stop_node "${pids[3]}" 3004; lib_stop_node "${pids[2]}" 3003; lib_stop_node "${pids[1]}" 3002; lib_stop_node "${pids[0]}" 3000
pids=()
step "What each node keeps (after a clean stop, so each database is one file)"
size() { local total=0 f; for f in "$@"; do [ -f "$f" ] && total=$((total + $(wc -c <"$f"))); done; echo "$total"; }
full_bytes=$(size blockchain_3000.db blockchain_3000.db-wal)
light_bytes=$(size spv_3003.db spv_3003.db-wal)
echo "full node 3000:    blockchain_3000.db  $full_bytes bytes (blocks, UTXO set, undo data, indexes)"
echo "light wallet 3003: spv_3003.db         $light_bytes bytes (headers, its own transactions and their proofs)"
echo "(at 8 blocks both are mostly SQLite's fixed pages; from here a full node grows by whole blocks, a light wallet by 88-byte headers)"

step "What each light wallet downloaded, and what the full nodes could learn about it"
for id in 3003 3004; do echo "$id: $(grep -h "Shutting down;" $id.log | tail -1 | sed 's/.*Shutting down; //')"; done
if [ $failures -ne 0 ]; then echo "spv-demo: $failures check(s) failed" >&2; exit 1; fi
echo
echo "spv-demo passed: on both light wallets the payment went from pending (1/6) to confirmed (6/6)"
[ $clean = 1 ] || echo "node logs: $work/3000.log, 3002.log, 3003.log, 3004.log (--clean removes them)"
