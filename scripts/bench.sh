#!/usr/bin/env bash
# The performance figures (issue 4). Each line is a ratio against a reference measured in the same run (openssl's
# SHA-256, libsecp256k1 called directly, a local replay, a small UTXO set, a trivial .NET process), so the figures
# hold on a busy or slow machine; each ends with its target and "met" or "NOT met". Not part of CI's test run.
#   scripts/bench.sh [--only mining,verify,sync,spv,filters,mempool,getbalance,startup] [--blocks N] [--utxos N] [--mining-seconds S]
# Micro-benchmarks (BenchmarkDotNet): dotnet run -c Release --project tests/BlockchainCs.Benchmarks -- micro --filter '*'
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
log="$(mktemp "${TMPDIR:-/tmp}/blockchain_cs_bench.XXXXXX")"
trap 'rm -f "$log"' EXIT
build() { "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "build failed: $*" >&2; exit 1; }; }
build "$root/scripts/build.sh"
build dotnet build tests/BlockchainCs.Benchmarks/BlockchainCs.Benchmarks.csproj -c Release --nologo -v quiet
dotnet tests/BlockchainCs.Benchmarks/bin/Release/net10.0/BlockchainCs.Benchmarks.dll bench --cli "$root/bin/blockchain_cs" "$@"
