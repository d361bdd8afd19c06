#!/usr/bin/env bash
# Replays the tutorial's three-terminal network demo (part 7) in a fresh temporary directory:
# central node 3000, wallet node 3001, miner 3002. Checks every balance on all three nodes and exits
# non-zero on any mismatch or hang (every wait is bounded).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
bin="$root/bin/blockchain_cs"
work="$(mktemp -d "${TMPDIR:-/tmp}/blockchain_cs_demo.XXXXXX")"
pids=()
. "$root/scripts/lib.sh"
trap 'lib_cleanup $? 25 "${pids[@]:-}"' EXIT
cd "$work"

node() { local id=$1; shift; NODE_ID=$id "$bin" "$@"; }
height() { node "$1" utxodigest | awk '{print $2}'; }
say() { printf '\n== %s\n' "$*"; }
at_height() { [ "$(height "$1")" -ge "$2" ]; }

# Waits (bounded) until node $1's chain reaches height $2.
wait_height() {
  lib_wait_for "${3:-60}" "node $1 to reach height $2" at_height "$1" "$2" || { echo "node $1 is at height $(height "$1")" >&2; return 1; }
  echo "node $1 is at height $(height "$1")"
}

start_node() { lib_start_node "$@" && pids+=("$lib_pid"); }   # id logfile [args...]
stop_node() { lib_stop_node "$1" "$1"; }                        # pid

failures=0
expect_balance() { # id address expected label
  local line; line=$(node "$1" getbalance -address "$2")
  local got=${line##*: }
  if [ "$got" = "$3" ]; then echo "ok   node $1  $4 = $got"; else echo "FAIL node $1  $4 = $got, expected $3"; failures=$((failures + 1)); fi
}

say "Central node 3000: a wallet and the blockchain"
CENTRAL_NODE=$(node 3000 createwallet | awk '{print $NF}')
node 3000 createblockchain -address "$CENTRAL_NODE"
cp blockchain_3000.db blockchain_genesis.db

say "Wallet node 3001: three wallets"
WALLET_1=$(node 3001 createwallet | awk '{print $NF}')
WALLET_2=$(node 3001 createwallet | awk '{print $NF}')
WALLET_3=$(node 3001 createwallet | awk '{print $NF}')
WALLET_4=$(node 3001 createwallet | awk '{print $NF}')

say "Central node: send 10 to WALLET_1 and WALLET_2, mining at once"
node 3000 send -from "$CENTRAL_NODE" -to "$WALLET_1" -amount 10 -mine
node 3000 send -from "$CENTRAL_NODE" -to "$WALLET_2" -amount 10 -mine
start_node 3000 central.log

say "Wallet node 3001 starts from the genesis copy and syncs"
cp blockchain_genesis.db blockchain_3001.db
start_node 3001 wallet.log
wait_height 3001 2
stop_node "${pids[-1]}"; unset 'pids[-1]'
expect_balance 3001 "$WALLET_1" 10 WALLET_1
expect_balance 3001 "$WALLET_2" 10 WALLET_2

say "Miner node 3002 starts from the genesis copy"
MINER_WALLET=$(node 3002 createwallet | awk '{print $NF}')
cp blockchain_genesis.db blockchain_3002.db
start_node 3002 miner.log -miner "$MINER_WALLET"
wait_height 3002 2

say "Wallet node 3001 sends through the central node (no -mine)"
node 3001 send -from "$WALLET_1" -to "$WALLET_3" -amount 1
node 3001 send -from "$WALLET_2" -to "$WALLET_4" -amount 1

say "The miner mines the two transactions; the central node gets the block"
wait_height 3002 3
wait_height 3000 3

say "Wallet node 3001 syncs again"
start_node 3001 wallet2.log
wait_height 3001 3
stop_node "${pids[-1]}"; unset 'pids[-1]'

say "Balances on every node (3000 and 3002 are still running)"
for id in 3001 3000 3002; do
  expect_balance $id "$WALLET_1" 9 WALLET_1
  expect_balance $id "$WALLET_2" 9 WALLET_2
  expect_balance $id "$WALLET_3" 1 WALLET_3
  expect_balance $id "$WALLET_4" 1 WALLET_4
  expect_balance $id "$MINER_WALLET" 10 MINER_WALLET
  expect_balance $id "$CENTRAL_NODE" 10 CENTRAL_NODE
done
grep -q "New block is mined!" miner.log || { echo "FAIL: the miner never logged 'New block is mined!'"; failures=$((failures + 1)); }

say "Stopping the central node and the miner"
for pid in "${pids[@]}"; do stop_node "$pid"; done
pids=()
if [ $failures -ne 0 ]; then echo "demo: $failures check(s) failed" >&2; exit 1; fi
echo
echo "demo passed: balances 9, 9, 1, 1 and miner 10 on all three nodes"
