#!/usr/bin/env bash
# The one test command: build, every unit and integration test, then the tutorial's network demo.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build BlockchainCs.sln -c Release --nologo -v quiet
log="$(mktemp "${TMPDIR:-/tmp}/blockchain_cs_test.XXXXXX")"
trap 'rm -f "$log"' EXIT
# The plain closing line CI reads, summed over the test projects.
summary() { awk '$1 == "Passed:" { p += $2 } $1 == "Failed:" { f += $2 } END { printf "%d passed, %d failed\n", p, f }' "$log"; }
set +e
dotnet test BlockchainCs.sln -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 \
  | grep --line-buffered -vE '^\s+Passed |^\s*$' | tee "$log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then echo "dotnet test failed (exit $status)" >&2; summary; exit "$status"; fi
"$root/scripts/demo.sh"
summary
