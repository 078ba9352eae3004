#!/usr/bin/env bash
# Compiles and lints the Bicep templates with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64,
# pinned in deploy/tools/BicepCli.proj; restored once into deploy/tools/obj/packages, offline afterwards).
# Runs `bicep build` and `bicep lint` on main.bicep and `bicep build-params` on main.bicepparam, with the
# rules in deploy/bicepconfig.json. Fails on any warning or error, one line per finding. No az CLI needed.
set -euo pipefail
deploy=$(cd "$(dirname "$0")" && pwd)
version=0.49.2
bicep="$deploy/tools/obj/packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"

if [ ! -x "$bicep" ]; then
  mkdir -p "$deploy/tools/obj"
  if ! dotnet restore "$deploy/tools/BicepCli.proj" -nologo -v q >"$deploy/tools/obj/restore.log" 2>&1; then
    echo "deploy/lint.sh: FAIL could not restore Azure.Bicep.CommandLine.linux-x64 $version from NuGet (see deploy/tools/obj/restore.log)" >&2
    exit 1
  fi
  chmod +x "$bicep" 2>/dev/null || true
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 BICEP_TELEMETRY_OPTOUT=1
# Only so the example parameter file compiles: the real password is exported by whoever deploys.
export IMEBRIDGE_POSTGRES_PASSWORD="${IMEBRIDGE_POSTGRES_PASSWORD:-lint-only-placeholder-not-a-password}"

failed=0
: >"$out/diagnostics"
run() {
  local what=$1
  shift
  local log="$out/$what.log"
  if ! "$bicep" "$@" >"$log" 2>&1; then
    failed=1
  fi
  # Diagnostics read "<file>(line,col) : Warning|Error <code>: <message> [<link>]"; anything else on a failed run is shown whole.
  if grep -E ' : (Warning|Error|Info) ' "$log" | sed -E "s|^$deploy/|deploy/|" >>"$out/diagnostics"; then
    failed=1
  elif [ "$failed" -ne 0 ] && [ -s "$log" ]; then
    sed "s|^|deploy/lint.sh: FAIL $what: |" "$log" >&2
  fi
}

cd "$deploy"
run build build main.bicep --outfile "$out/main.json"
run lint lint main.bicep
run build-params build-params main.bicepparam --outfile "$out/main.parameters.json"

if [ "$failed" -ne 0 ]; then
  # The three commands analyse the same files: report each finding once.
  [ -s "$out/diagnostics" ] && awk '!seen[$0]++ { print "deploy/lint.sh: FAIL " $0 }' "$out/diagnostics" >&2
  exit 1
fi
echo "deploy/lint.sh: ok (bicep $version: build, lint, build-params; no warnings)"
