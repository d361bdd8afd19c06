#!/usr/bin/env bash
# The one test command: publish bin/blockchain_cs (Native AOT where possible), build, run every test (the CLI tests
# run the published executable), the tutorial's network demo, the light wallet's and the pool and alerts demo, then
# every fuzz target for a few seconds (FUZZ_SECONDS, default 3; FUZZ_SECONDS=0 leaves fuzzing out).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# Everything the run writes to the temporary directory (the tests' chains, the demo, and what the build and dotnet test
# themselves leave, such as pipes) goes into one private directory, removed at the end: the suite leaves nothing behind.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/blockchain_cs_test.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch" MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
log="$scratch/test.log"
touch "$scratch/.started"
"$root/scripts/build.sh"
dotnet build BlockchainCs.sln -c Release --nologo -v quiet
# The plain closing line CI reads, from the test platform's summary.
summary() {
  awk '$1 == "total:" { t = $2 } $1 == "failed:" { f = $2 } $1 == "succeeded:" { p = $2 } $1 == "skipped:" { s = $2 }
       END { printf "%d passed, %d failed, %d skipped (of %d)\n", p, f, s, t }' "$log"
}
set +e
# The live page's browser test saves its screenshot here (the README shows a copy kept in docs/).
export BLOCKCHAIN_CS_SCREENSHOT="$root/artifacts/live-page.png"
# One test assembly at a time: the network tests time a node under floods (an honest block within 1 s), and on a
# 2-core machine the CLI tests' node processes and headless browser beside them would be measured too.
BLOCKCHAIN_CS_CLI="$root/bin/blockchain_cs" dotnet test --solution BlockchainCs.sln -c Release --no-build --max-parallel-test-modules 1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# dotnet test's own pipe to the test hosts is a socket named by a GUID in /tmp itself (the SDK fixes /tmp for pipes, as
# POSIX guarantees it); the run is over, so remove the ones it made.
find /tmp -maxdepth 1 -type s -newer "$scratch/.started" -regextype posix-extended -regex '/tmp/[0-9a-f]{32}' -delete 2>/dev/null || true
if [ "$status" -ne 0 ]; then echo "dotnet test failed (exit $status)" >&2; summary; exit "$status"; fi
export BLOCKCHAIN_CS_BUILT=1   # the demos use the bin/ published above
"$root/scripts/demo.sh" --clean
"$root/scripts/spv-demo.sh" --clean --quiet
"$root/scripts/pool-demo.sh" --clean --quiet
fuzz_seconds=${FUZZ_SECONDS:-3}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo; echo "== Fuzzing every decoder for $fuzz_seconds s (scripts/fuzz.sh)"
  FUZZ_SKIP_IF_UNAVAILABLE=1 "$root/scripts/fuzz.sh" all "$fuzz_seconds"
fi
summary
