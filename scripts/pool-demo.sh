#!/usr/bin/env bash
# Chapter 6's transaction pool and alerts on a 6-node network, in a fresh temporary directory: central node 3000
# (whose chain names two alert keys), wallet nodes 3001 and 3002, full nodes 3003 and 3004, and miner 3005 whose blocks
# hold one payment (--max-block-bytes 400). Two wallets pay at the same moment with different fees: the higher fee
# rate gets the block, the other waits for the next. Then the two alert key holders sign an alert that reaches all six
# nodes and a second one that cancels it, while a forged one (one key, not the chain's) is refused by the first node
# and reaches none. Every wait is bounded; any mismatch exits non-zero.
#   --quiet   only the step titles and the checks
#   --clean   remove the temporary directory with the node logs afterwards
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
. "$root/scripts/lib.sh"
lib_demo_options "$0" "$@"
lib_demo_start blockchain_cs_pool
nodes=(3000 3001 3002 3003 3004 3005)

step "NODE 3000: two alert key holders make their keys; the central node creates the blockchain naming both (K = 2)"
run 3000 createalertkey; KEY1=$(awk '/public key/ {print $NF}' <<<"$out")
run 3000 createalertkey; KEY2=$(awk '/public key/ {print $NF}' <<<"$out")
run 3000 createwallet; CENTRAL=$(awk '{print $NF}' <<<"$out")
run 3000 createblockchain -address "$CENTRAL" -alertkey "$KEY1" -alertkey "$KEY2" --alert-threshold 2
run 3001 createwallet; ALICE=$(awk '{print $NF}' <<<"$out")
run 3002 createwallet; BOB=$(awk '{print $NF}' <<<"$out")
run 3005 createwallet; MINER=$(awk '{print $NF}' <<<"$out")
run 3000 send -from "$CENTRAL" -to "$ALICE" -amount 10 -mine
run 3000 send -from "$CENTRAL" -to "$BOB" -amount 10 -mine
for id in 3001 3002 3003 3004 3005; do cp blockchain_3000.db blockchain_$id.db; done

step "Six nodes: 3000 central, 3001 and 3002 wallets, 3003 and 3004 relays, 3005 the miner of small blocks"
start_node 3000
start_node 3001 --seed localhost:3000
start_node 3002 --seed localhost:3000 --seed localhost:3001
start_node 3003 --seed localhost:3001
start_node 3004 --seed localhost:3002
start_node 3005 -miner "$MINER" --mine-min-txs 2 --max-block-bytes 400 --seed localhost:3003 --seed localhost:3004
connected() { [ "$(node "$1" rpc getconnectioncount)" -ge 1 ]; }
for id in "${nodes[@]}"; do lib_wait_for 30 "node $id to have a peer" connected "$id"; done

step "Alice (3001) and Bob (3002) each pay the central node 1 coin: Alice leaves a fee of 1, Bob a fee of 5"
echo "   a payment is about 200 bytes: the miner's 400-byte blocks hold one, so it takes the higher fee rate first"
run 3001 send -from "$ALICE" -to "$CENTRAL" -amount 1 -fee 1 --seed localhost:3001
run 3002 send -from "$BOB" -to "$CENTRAL" -amount 1 -fee 5 --seed localhost:3002
wait_height 3000 3
run 3000 getbalance -address "$BOB";   expect "Bob's payment is in block 3" "Balance of '$BOB': 4" "$out"
run 3000 getbalance -address "$ALICE"; expect "Alice's waits in the mempool" "Balance of '$ALICE': 10" "$out"
run 3005 rpc getrawmempool true
grep -h "Mining a block" 3005.log | sed 's/^/[3005] /'

step "The central node pays the miner 1 coin with no fee: two wait again, Alice's fee rate is higher"
run 3000 send -from "$CENTRAL" -to "$MINER" -amount 1 --seed localhost:3000
wait_height 3000 4
run 3000 getbalance -address "$ALICE"; expect "Alice's payment is in block 4" "Balance of '$ALICE': 8" "$out"
run 3005 getmempoolinfo

step "The key holders sign an alert with both keys and hand it to the central node"
run 3000 sendalert -message "Upgrade to 1.1 before block 500" -expires 24 -priority 5
sent_line=$out
listed() { node "$1" listalerts | grep -q "Upgrade to 1.1"; }
for id in "${nodes[@]}"; do lib_wait_for 10 "the alert to reach node $id" listed "$id"; done
echo "ok   the alert reached all 6 nodes"
run 3004 listalerts
grep -h "ALERT" 3004.log | sed 's/^/[3004] /'

step "The key holders cancel it with a second alert (-cancel ID): every node drops the first and shows the second"
first_id=$(awk '/^Alert [0-9]+ signed/ {print $2}' <<<"$sent_line")
run 3000 sendalert -message "Ignore the last alert: 1.1 is postponed" -expires 24 -cancel "$first_id"
cancelled() { ! node "$1" listalerts | grep -q "Upgrade to 1.1" && node "$1" listalerts | grep -q "postponed"; }
for id in "${nodes[@]}"; do lib_wait_for 10 "node $id to show only the cancelling alert" cancelled "$id"; done
echo "ok   all 6 nodes dropped alert $first_id and show the one that cancels it"

step "A forger signs an alert with a key of its own (not one of the chain's two) and tries the central node"
run 3000 createalertkey -file forger.key
if out=$(node 3000 sendalert --forge -key forger.key -message "Send your coins to the forger" -expires 24 2>&1); then
  echo "FAIL the forged alert was accepted: $out"; failures=$((failures + 1))
else
  echo "[3000] $out"
fi
grep -h "InvalidAlert" 3000.log | tail -1 | sed 's/^/[3000] /'
for id in "${nodes[@]}"; do
  if node "$id" listalerts | grep -q "forger"; then echo "FAIL node $id holds the forged alert"; failures=$((failures + 1)); fi
done
[ $failures -ne 0 ] || echo "ok   the forged alert reached no node"

step "Stopping the nodes (Ctrl-C)"
for i in 5 4 3 2 1 0; do lib_stop_node "${pids[$i]}" "${nodes[$i]}"; done
pids=()
if [ $failures -ne 0 ]; then echo "pool-demo: $failures check(s) failed" >&2; exit 1; fi
echo
echo "pool-demo passed: the higher fee rate was mined first, and only the alert signed by the chain's keys went round"
[ $clean = 1 ] || echo "node logs: $work/3000.log … 3005.log (--clean removes them)"
