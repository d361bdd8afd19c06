#!/usr/bin/env bash
# The one test command: build, every unit and integration test, then the tutorial's network demo.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
dotnet build BlockchainCs.sln -c Release --nologo -v quiet
dotnet test BlockchainCs.sln -c Release --no-build --nologo --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=900000 2>&1 \
  | grep -vE '^\s+Passed |^\s*$' | tee "${TMPDIR:-/tmp}/blockchain_cs_test.log"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || { echo "dotnet test failed (exit $status)" >&2; exit "$status"; }
"$root/scripts/demo.sh"
# The plain closing line CI reads, summed over the test projects.
awk '/^(Passed!|Failed!)/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' "${TMPDIR:-/tmp}/blockchain_cs_test.log"
