#!/usr/bin/env bash
# The one test command: publish bin/blockchain_cs (Native AOT where possible), build, run every test (the CLI tests
# run the published executable), the tutorial's network demo, then every fuzz target for a few seconds
# (FUZZ_SECONDS, default 3; FUZZ_SECONDS=0 leaves fuzzing out).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
"$root/scripts/build.sh"
dotnet build BlockchainCs.sln -c Release --nologo -v quiet
log="$(mktemp "${TMPDIR:-/tmp}/blockchain_cs_test.XXXXXX")"
trap 'rm -f "$log"' EXIT
# The plain closing line CI reads, from the test platform's summary.
summary() {
  awk '$1 == "total:" { t = $2 } $1 == "failed:" { f = $2 } $1 == "succeeded:" { p = $2 } $1 == "skipped:" { s = $2 }
       END { printf "%d passed, %d failed, %d skipped (of %d)\n", p, f, s, t }' "$log"
}
set +e
BLOCKCHAIN_CS_CLI="$root/bin/blockchain_cs" dotnet test --solution BlockchainCs.sln -c Release --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then echo "dotnet test failed (exit $status)" >&2; summary; exit "$status"; fi
"$root/scripts/demo.sh"
fuzz_seconds=${FUZZ_SECONDS:-3}
if [ "$fuzz_seconds" -gt 0 ]; then
  echo; echo "== Fuzzing every decoder for $fuzz_seconds s (scripts/fuzz.sh)"
  FUZZ_SKIP_IF_UNAVAILABLE=1 "$root/scripts/fuzz.sh" all "$fuzz_seconds"
fi
summary
