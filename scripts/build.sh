#!/usr/bin/env bash
# Publishes the node to bin/blockchain_cs.
#   Native AOT where the toolchain is there (a C compiler and linker, clang or gcc, beside the .NET SDK): a native
#   executable that starts in ~10-20 ms and needs no .NET runtime; built for this machine's CPU (IlcInstructionSet=native,
#   so the miner uses AVX-512/AVX2 when present).
#   ReadyToRun otherwise (needs the .NET 10 runtime; ~60 ms start), with a one-line note saying why.
# The build goes to a temporary folder beside bin/ and replaces bin/ only once it succeeded, so a failed or interrupted
# build leaves the working executable in place.
# BLOCKCHAIN_CS_BUILD=r2r forces ReadyToRun; extra arguments go to dotnet publish.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rid="$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')"
project=src/BlockchainCs.Cli/BlockchainCs.Cli.csproj
out="$root/bin"
staging="$(mktemp -d "$root/.bin.new.XXXXXX")"
log="$staging.log"
trap 'rm -rf "$staging" "$log"' EXIT

# Moves the finished build into bin/: the old bin/ is renamed away first and removed last, so bin/ is never a half copy.
install_build() {
  local old=""
  if [ -e "$out" ]; then old="$(mktemp -d "$root/.bin.old.XXXXXX")"; rmdir "$old"; mv "$out" "$old"; fi
  mv "$staging" "$out"
  [ -n "$old" ] && rm -rf "$old"
  echo "Built $out/blockchain_cs ($rid, $1)"
}

publish_r2r() {
  rm -rf "$staging"/*
  dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$staging" \
    --nologo -v quiet "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "build failed; bin/ was left as it was" >&2; exit 1; }
  install_build ReadyToRun
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
if dotnet publish "$project" -c Release -r "$rid" -p:PublishAot=true -p:PublishReadyToRun=false -p:IlcInstructionSet=native \
    -o "$staging" --nologo -v quiet "$@" >"$log" 2>&1; then
  # The debug symbols are 2x the executable; keep bin/ what a user runs.
  rm -f "$staging"/*.dbg "$staging"/*.pdb "$staging"/*.xml
  install_build "Native AOT"
else
  echo "note: Native AOT publishing failed ($(grep -m1 -iE 'error' "$log" | sed 's/^ *//' | cut -c1-160)); building ReadyToRun instead" >&2
  publish_r2r "$@"
fi
