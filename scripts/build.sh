#!/usr/bin/env bash
# Publishes the node to bin/blockchain_cs.
#   Native AOT where the toolchain is there (a C compiler and linker, clang or gcc, beside the .NET SDK): a native
#   executable that starts in ~10-20 ms and needs no .NET runtime; built for this machine's CPU (IlcInstructionSet=native,
#   so the miner uses AVX-512/AVX2 when present).
#   ReadyToRun otherwise (needs the .NET 10 runtime; ~60 ms start), with a one-line note saying why.
# BLOCKCHAIN_CS_BUILD=r2r forces ReadyToRun; extra arguments go to dotnet publish.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rid="$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')"
project=src/BlockchainCs.Cli/BlockchainCs.Cli.csproj
log="$(mktemp "${TMPDIR:-/tmp}/blockchain_cs_build.XXXXXX")"
trap 'rm -f "$log"' EXIT
out="$root/bin"

publish_r2r() {
  rm -rf "$out"
  dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out" \
    --nologo -v quiet "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "build failed" >&2; exit 1; }
  echo "Built $out/blockchain_cs ($rid, ReadyToRun)"
}

if [ "${BLOCKCHAIN_CS_BUILD:-}" = r2r ]; then
  publish_r2r "$@"
  exit 0
fi
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null; then
  echo "note: no C compiler/linker (clang or gcc) for Native AOT; building ReadyToRun instead" >&2
  publish_r2r "$@"
  exit 0
fi
rm -rf "$out"
if dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -p:PublishReadyToRun=false -p:IlcInstructionSet=native \
    -o "$out" --nologo -v quiet "$@" >"$log" 2>&1; then
  # The debug symbols are 2x the executable; keep bin/ what a user runs.
  rm -f "$out"/*.dbg "$out"/*.pdb "$out"/*.xml
  echo "Built $out/blockchain_cs ($rid, Native AOT)"
else
  echo "note: Native AOT publishing failed ($(grep -m1 -iE 'error' "$log" | sed 's/^ *//' | cut -c1-160)); building ReadyToRun instead" >&2
  publish_r2r "$@"
fi
