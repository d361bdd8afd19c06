#!/usr/bin/env bash
# scripts/network.sh N: a peer-to-peer network of N nodes (5 ≤ N ≤ 20), all started from one seed. On Linux node i
#   listens on (and dials from) its own loopback address 127.0.0.<i+1>, so addresses, bans and network groups behave
#   as on a real network (NETWORK_SHARED_IP=1, or macOS, puts every node on 127.0.0.1 instead).
#   node 0 is the seed (every other node gets only --seed <seed ip>:<seed port> and discovers the rest),
#   nodes 1 and 2 mine (--mine-min-txs 1 and 2), nodes 3.. are wallet nodes.
# The wallets are funded on the seed (send -mine) after the genesis copy, so every node shares the genesis and syncs
# the funding blocks. Then: round 1, every wallet node sends (send without -mine, --seed = a random running node);
# the seed, a miner and two wallet nodes are stopped (SIGTERM, exit 0 expected); round 2 with the nodes still up; the
# stopped nodes but the seed restart (from their saved address books: their only --seed is dead) and send in round 3.
# NETWORK_KILL_SEED=0 keeps the seed running. Finally every node must show the same tip and
# UTXO set (utxodigest), and the script prints how long blocks and transactions took to reach every node, measured
# from the node logs (HH:mm:ss.fff timestamps): a block from the miner's "New block is mined!" to the last node's
# "Added block", a transaction from its first to its last "Accepted transaction" line.
# Every wait is bounded; the trap stops every node it started and prints the logs' tails on failure.
# Environment: NETWORK_BASE_PORT (default 4100; NODE_ID = port, away from the demo's 3000-3002),
#   NETWORK_TARGET_BITS (default 12: a block takes ~4,000 hashes, so mining never slows the run; 16 also works),
#   NETWORK_SKIP_BUILD=1 to reuse bin/blockchain_cs.
set -euo pipefail
n=${1:-10}
[[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 5 ] && [ "$n" -le 20 ] || { echo "usage: $0 N   (5 <= N <= 20)" >&2; exit 2; }
base=${NETWORK_BASE_PORT:-4100}
bits=${NETWORK_TARGET_BITS:-12}
# The seed is stopped midway and never comes back: the others must go on (and restart) without it.
kill_seed=${NETWORK_KILL_SEED:-1}
root="$(cd "$(dirname "$0")/.." && pwd)"
[ "${NETWORK_SKIP_BUILD:-}" = 1 ] || "$root/scripts/build.sh"
bin="$root/bin/blockchain_cs"
work="$(mktemp -d "${TMPDIR:-/tmp}/blockchain_cs_network.XXXXXX")"
started=$SECONDS
declare -A pid_of=()
. "$root/scripts/lib.sh"
trap 'lib_cleanup $? 15 "${pid_of[@]:-}"' EXIT
cd "$work"
per_node_ip=1
{ [ "${NETWORK_SHARED_IP:-0}" = 1 ] || ! lib_loopback_per_node; } && per_node_ip=0

id_of() { echo $((base + $1)); }
ip_of() { if [ $per_node_ip = 1 ]; then echo "127.0.0.$(($1 + 1))"; else echo 127.0.0.1; fi; }
addr_of() { echo "$(ip_of "$1"):$(id_of "$1")"; }
cli() { local i=$1; shift; NODE_ID=$(id_of "$i") "$bin" "$@"; }
say() { printf '\n== [%3ds] %s\n' $((SECONDS - started)) "$*"; }
now_tod() { date +%H:%M:%S.%3N; }
running() { local i; for i in "${!pid_of[@]}"; do echo "$i"; done | sort -n; }
random_running() { local r; r=($(running)); echo "${r[RANDOM % ${#r[@]}]}"; }
ref_node() { running | head -n 1; }   # a running node to read the network's state from

start_node() { # index [extra args...]
  local i=$1 id; shift; id=$(id_of "$i")
  lib_start_node "$id" "node_$id.log" --listen "$(addr_of "$i")" --seed "$(addr_of 0)" --debug sync "$@"
  pid_of[$i]=$lib_pid
}

stop_node() { # index: SIGTERM, then expect a clean exit 0
  lib_stop_node "${pid_of[$1]}" "$(id_of "$1")"
  unset "pid_of[$1]"
}

role_args() { # index: the miners' options
  case $1 in
    1) echo "-miner $MINER_1 --mine-min-txs 1" ;;
    2) echo "-miner $MINER_2 --mine-min-txs 2" ;;
  esac
}

digest() { cli "$1" utxodigest; }

# Checks once whether every running node reports the same utxodigest at height >= $1 (prints it when so).
converged() {
  local want=$1 first="" i line
  for i in $(running); do
    line=$(digest "$i")
    [ -z "$first" ] && first=$line
    { [ "$line" = "$first" ] && [ "$(awk '{print $2}' <<<"$line")" -ge "$want" ]; } || return 1
  done
  echo "all ${#pid_of[@]} running nodes: $first"
}

# Two miners can find competing blocks at the same height; every node keeps the one it saw first until a longer
# chain appears, as in Bitcoin. One more payment, which only miner 1 (--mine-min-txs 1) mines at once, breaks the tie.
tiebreaks=0
tiebreak() {
  tiebreaks=$((tiebreaks + 1))
  [ $tiebreaks -le ${#TIEBREAK[@]} ] || { echo "too many tie-breaks" >&2; return 1; }
  echo "(tie between competing blocks: one more payment to extend one branch)"
  cli 0 send -from "${TIEBREAK[$((tiebreaks - 1))]}" -to "${RECEIVERS[0]}" -amount 1 --seed "$(addr_of "$(random_running)")" --timeout 20 >/dev/null
  sent=$((sent + 1))
}

# Waits (bounded) until every running node shows the same tip and UTXO set, at height >= $1.
wait_converged() {
  local want=$1 deadline=$((SECONDS + 60)) next_tiebreak=$((SECONDS + 10)) i
  until converged "$want"; do
    [ $SECONDS -lt $deadline ] || {
      echo "timeout: the nodes did not converge at height >= $want" >&2
      for i in $(running); do echo "node $(id_of "$i"): $(digest "$i")" >&2; done
      return 1
    }
    if [ $SECONDS -ge $next_tiebreak ]; then
      # A tie: every node at the same height, not all on the same block.
      [ "$(for i in $(running); do digest "$i" | awk '{print $2}'; done | sort -u | wc -l)" = 1 ] && tiebreak
      next_tiebreak=$((SECONDS + 10))
    fi
    sleep 0.5
  done
}

# Sum of the receivers' balances as the seed sees them: how many 1-coin payments are confirmed.
confirmed() {
  local total=0 r line
  local ref; ref=$(ref_node)
  for r in "${RECEIVERS[@]}"; do line=$(cli "$ref" getbalance -address "$r"); total=$((total + ${line##*: })); done
  echo $total
}
wait_confirmed() { # until every payment sent so far is confirmed on a running node's chain
  local deadline=$((SECONDS + 60)) next_tiebreak=$((SECONDS + 15))
  until [ "$(confirmed)" -ge "$sent" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timeout: only $(confirmed) of $sent payments confirmed" >&2; return 1; }
    if [ $SECONDS -ge $next_tiebreak ]; then tiebreak; next_tiebreak=$((SECONDS + 10)); fi
    sleep 0.5
  done
  echo "$sent payments confirmed"
}

sent=0
send_round() { # wallet-slot node-index...: every listed wallet node pays 1 coin, in parallel, through a random running node
  local slot=$1 i via jobs=() rc=0; shift
  for i in "$@"; do
    via=$(random_running)
    local to=${RECEIVERS[RANDOM % ${#RECEIVERS[@]}]}
    ( out=$(cli "$i" send -from "${WALLET[$i,$slot]}" -to "$to" -amount 1 --seed "$(addr_of "$via")" --timeout 20) \
        && [ "$out" = "Success!" ] || { echo "send from node $(id_of "$i") via $(id_of "$via") failed: $out" >&2; exit 1; } ) &
    jobs+=($!)
  done
  for j in "${jobs[@]}"; do wait "$j" || rc=1; done
  [ $rc = 0 ] || return 1
  sent=$((sent + $#))
  echo "$# transactions sent (from nodes $(for i in "$@"; do printf '%s ' "$(id_of "$i")"; done))"
}

say "Seed node $(id_of 0): wallet and a chain with --target-bits $bits"
SEED_WALLET=$(cli 0 createwallet | awk '{print $NF}')
cli 0 createblockchain -address "$SEED_WALLET" --target-bits "$bits" >/dev/null
cp "blockchain_$(id_of 0).db" genesis.db
RECEIVERS=()
for _ in 1 2 3; do RECEIVERS+=("$(cli 0 createwallet | awk '{print $NF}')"); done
MINER_1=$(cli 1 createwallet | awk '{print $NF}')
MINER_2=$(cli 2 createwallet | awk '{print $NF}')

say "Wallet nodes $(id_of 3)..$(id_of $((n - 1))): two funded wallets each (mined on the seed after the genesis copy)"
declare -A WALLET=()
wallet_nodes=()
for ((i = 3; i < n; i++)); do
  wallet_nodes+=("$i")
  for slot in 1 2; do
    WALLET[$i,$slot]=$(cli "$i" createwallet | awk '{print $NF}')
    cli 0 send -from "$SEED_WALLET" -to "${WALLET[$i,$slot]}" -amount 2 -mine >/dev/null
  done
done
TIEBREAK=()
for _ in 1 2 3 4 5 6; do
  TIEBREAK+=("$(cli 0 createwallet | awk '{print $NF}')")
  cli 0 send -from "$SEED_WALLET" -to "${TIEBREAK[-1]}" -amount 1 -mine >/dev/null
done
for ((i = 1; i < n; i++)); do cp genesis.db "blockchain_$(id_of "$i").db"; done
funded=$(digest 0 | awk '{print $2}')
echo "seed at height $funded"

say "Starting $n nodes, each seeded only with $(addr_of 0)"
start_node 0
for ((i = 1; i < n; i++)); do start_node "$i" $(role_args "$i"); done
wait_converged "$funded"

say "Round 1: every wallet node sends 1 coin through a random node"
round_start=$(now_tod)
send_round 1 "${wallet_nodes[@]}"
wait_confirmed
wait_converged 0

stopped=(2 3 4)
if [ "$kill_seed" = 1 ]; then
  say "Stopping the seed $(id_of 0) for good, miner $(id_of 2) and wallet nodes $(id_of 3), $(id_of 4) (SIGTERM)"
  stop_node 0
else
  say "Stopping miner $(id_of 2) and wallet nodes $(id_of 3), $(id_of 4) (SIGTERM)"
fi
for i in "${stopped[@]}"; do stop_node "$i"; done
down_from=$(now_tod)
echo "stopped; each exited 0"

say "Round 2 while they are down: the running wallet nodes send from their second wallet"
up=()
for i in "${wallet_nodes[@]}"; do [ -n "${pid_of[$i]:-}" ] && up+=("$i"); done
[ ${#up[@]} -eq 0 ] || send_round 2 "${up[@]}"
wait_confirmed
wait_converged 0

say "Restarting $(for i in "${stopped[@]}"; do printf '%s ' "$(id_of "$i")"; done)(address books from their databases)"
for i in "${stopped[@]}"; do start_node "$i" $(role_args "$i"); done
up_at=$(now_tod)
wait_converged "$(digest "$(ref_node)" | awk '{print $2}')"

say "Round 3: the restarted wallet nodes send from their second wallet, the others from their first again"
senders=()
for i in "${wallet_nodes[@]}"; do [ "$i" -gt 4 ] && senders+=("$i"); done
send_round 2 3 4
[ ${#senders[@]} -eq 0 ] || send_round 1 "${senders[@]}"
wait_confirmed

say "Every node must end on the same tip and UTXO set"
wait_converged 0
tip_line=$(digest "$(ref_node)")

say "Propagation (from the node logs)"
to_ms() { awk -F'[:.]' '{print (($1 * 60 + $2) * 60 + $3) * 1000 + $4}' <<<"$1"; }
down_ms=$(to_ms "$down_from"); up_ms=$(to_ms "$up_at")
# After the restart the seed stays down when it was killed: "every node" is then one fewer.
later_n=$n; [ "$kill_seed" = 1 ] && later_n=$((n - 1))
awk -v n="$n" -v later_n="$later_n" -v down="$down_ms" -v up="$up_ms" '
  function ms(t,  p) { split(t, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] }
  function hash_after(word,  k) { for (k = 1; k < NF; k++) if ($k == word) return $(k + 1); return "" }
  /New block is mined!/ { h = hash_after("mined!"); if (!(h in mined)) mined[h] = ms($1) }
  /Added block|Stored block/ { h = hash_after("block"); key = h SUBSEP FILENAME
    if (!(key in seen)) { seen[key] = 1; reach[h]++; t = ms($1); if (!(h in last) || t > last[h]) last[h] = t } }
  /Accepted transaction/ { x = hash_after("transaction"); key = x SUBSEP FILENAME
    if (!(key in tseen)) { tseen[key] = 1; tcount[x]++; t = ms($1)
      if (!(x in tfirst) || t < tfirst[x]) tfirst[x] = t; if (!(x in tlast) || t > tlast[x]) tlast[x] = t } }
  END {
    for (h in mined) {
      if (mined[h] >= down && mined[h] <= up) { skipped++; continue }
      if (reach[h] < (mined[h] > up ? later_n : n)) { partial++; continue }
      d = last[h] - mined[h]; nb++; sb += d; if (d > mb) mb = d
    }
    for (x in tfirst) { d = tlast[x] - tfirst[x]; nt++; st += d; if (d > mt) mt = d; cov += tcount[x] }
    printf "blocks: %d mined; %d measured (reached every running node), miner -> last node: avg %.0f ms, max %d ms", length(mined), nb, nb ? sb / nb : 0, mb
    printf " (%d mined while nodes were down, %d stale on a side branch)\n", skipped, partial
    printf "transactions: %d relayed; reached the mempools of %.1f of %d nodes on average (the others got them in a block);", nt, nt ? cov / nt : 0, n
    printf " first -> last node: avg %.0f ms, max %d ms\n", nt ? st / nt : 0, mt
  }' node_*.log

# Discovery: the nodes each node dialled (outbound handshakes) besides the seed, learnt through addr.
awk -v seed="$(addr_of 0)" '
  /Handshake with / && !/\(in\)/ { for (j = 1; j < NF; j++) if ($j == "with") a = $(j + 1); if (a != seed && !((FILENAME, a) in d)) { d[FILENAME, a] = 1; c[FILENAME]++ } }
  END { for (f in c) { s += c[f]; if (min == "" || c[f] < min) min = c[f]; if (c[f] > max) max = c[f]; k++ }
    printf "discovery: %d nodes dialled nodes other than the seed (learnt through addr): %d to %d each, %.1f on average\n", k, min, max, k ? s / k : 0 }' node_*.log

final_count=${#pid_of[@]}
say "Stopping the $final_count running nodes (SIGTERM; each must exit 0)"
for i in $(running); do stop_node "$i"; done
echo
echo "network passed: $final_count running nodes of $n converged on $tip_line; $sent payments ($tiebreaks to break ties); $((SECONDS - started)) s"
