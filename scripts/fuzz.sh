#!/usr/bin/env bash
# scripts/fuzz.sh TARGET [SECONDS]   fuzzes one decoder (or several: "TARGET TARGET ...") with AFL++ through SharpFuzz (default 60 s)
# scripts/fuzz.sh all [SECONDS]      every target in turn (CI runs this with a few seconds each)
# scripts/fuzz.sh list               the targets: message framing, every payload, block, transaction, wallet file
# FUZZ_SKIP_IF_UNAVAILABLE=1 (scripts/test.sh) reports SKIPPED instead of failing when afl-fuzz cannot start at all.
# FUZZ_DIR (default .fuzz) holds builds, seeds and findings, so two runs can go side by side.
# Needs afl-fuzz (Debian/Ubuntu: apt-get install afl++; installed here when run as root) and the sharpfuzz tool
# (installed into .tools/ from NuGet). Our assemblies are instrumented in a copy under .fuzz/, never in bin/.
# Prints executions, paths and crashes per target; crashing inputs are kept in .fuzz/findings/TARGET/default/crashes
# (replay one with: dotnet .fuzz/plain/BlockchainCs.Fuzz.dll replay TARGET FILE). Exits 1 when any target crashed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target=${1:-}
seconds=${2:-60}
[ -n "$target" ] && [[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 TARGET|all|list [SECONDS]" >&2; exit 2; }
fuzz="${FUZZ_DIR:-$root/.fuzz}"
out="$fuzz/bin"       # instrumented: runs only under afl-fuzz
plain="$fuzz/plain"   # the same build uninstrumented: lists targets, writes seeds, replays inputs

if ! command -v afl-fuzz >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++) >/dev/null 2>&1 || true
  fi
  command -v afl-fuzz >/dev/null || { echo "fuzz: SKIPPED - afl-fuzz is not installed (apt-get install afl++)"; exit 0; }
fi
if [ ! -x "$root/.tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$root/.tools" >/dev/null \
    || { echo "fuzz: SKIPPED - the sharpfuzz tool could not be installed from NuGet"; exit 0; }
fi

rm -rf "$out" "$plain"
dotnet build "$root/tests/BlockchainCs.Fuzz" -c Release --nologo -v quiet -o "$plain" >/dev/null
cp -r "$plain" "$out"
for assembly in BlockchainCs.Core BlockchainCs.Network; do "$root/.tools/sharpfuzz" "$out/$assembly.dll" >/dev/null; done
run() { dotnet "$plain/BlockchainCs.Fuzz.dll" "$@"; }
[ "$target" = list ] && { run list; exit 0; }
if [ "$target" = all ]; then targets=$(run list); else targets=$target; fi

crashed=0
for t in $targets; do
  seeds="$fuzz/seeds/$t" findings="$fuzz/findings/$t"
  rm -rf "$seeds" "$findings"; mkdir -p "$fuzz/findings"
  run seeds "$t" "$seeds" >/dev/null
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
    AFL_QUIET=1 afl-fuzz -i "$seeds" -o "$findings" -t 5000 -m none -V "$seconds" -- "$(command -v dotnet)" "$out/BlockchainCs.Fuzz.dll" "$t" \
    >"$fuzz/$t.log" 2>&1 || true
  stats="$findings/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    # A system call afl-fuzz needs failed (no shared memory, a locked-down kernel setting, ...): the machine cannot fuzz,
    # which says nothing about our code. Anything else (bad seeds, a target that dies at start) is a failure.
    reason=$(grep -aE 'SYSTEM ERROR|OS message' "$fuzz/$t.log" | sed 's/\x1b\[[0-9;]*m//g' | tr -s ' ' | paste -sd ' ' -)
    [ -n "$reason" ] && [ "${FUZZ_SKIP_IF_UNAVAILABLE:-0}" = 1 ] && { echo "fuzz: SKIPPED - afl-fuzz cannot run here: $reason"; exit 0; }
    echo "fuzz: afl-fuzz failed on $t:" >&2; tail -n 20 "$fuzz/$t.log" >&2; exit 1
  fi
  value() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  crashes=$(value saved_crashes); hangs=$(value saved_hangs)
  printf '%-22s %10s execs in %3s s (%s/s), %5s paths, %s crashes, %s hangs\n' "$t" "$(value execs_done)" "$(value run_time)" \
    "$(value execs_per_sec)" "$(value corpus_count)" "$crashes" "$hangs"
  [ "${crashes:-0}" = 0 ] || crashed=1
done
[ $crashed = 0 ] || { echo "fuzz: crashes found; inputs under $fuzz/findings/*/default/crashes" >&2; exit 1; }
