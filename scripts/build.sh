#!/usr/bin/env bash
# Publishes the node to bin/blockchain_cs (ReadyToRun, framework-dependent: needs the .NET 10 runtime).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rid="$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')"
dotnet publish src/BlockchainCs.Cli/BlockchainCs.Cli.csproj -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$root/bin" --nologo -v quiet "$@" >/dev/null
echo "Built $root/bin/blockchain_cs ($rid)"
