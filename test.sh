#!/usr/bin/env bash
# Installs what the tests need, starts the services they use on loopback, runs every test
# project, stops the services, and exits with the tests' status. `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

log() { printf '== %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is required; see README.md" >&2
  exit 2
fi

# Real servers: OpenSSH (SFTP), Dovecot (IMAP), PostgreSQL and Azurite (Blob) are installed here; the tests start
# their own instances on 127.0.0.1 and a free port with a fresh configuration (tests/ImeBridge.Testing/Servers:
# one per test class, or one PostgreSQL cluster and one Azurite per test process with a fresh database or
# container per test) and stop them when done, so a test run never depends on a machine-wide service. The
# Service Bus tests run the real Azure.Messaging.ServiceBus client against an in-process AMQP 1.0 endpoint
# (tests/ImeBridge.Testing.ServiceBus).
log "packages"
tests/services/install-packages.sh

# Services shared by every test project start here (none yet), each on 127.0.0.1 only.
services_pids=()
stop_services() {
  for pid in "${services_pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
}
trap stop_services EXIT

log "restore"
dotnet restore ImeBridge.sln --verbosity quiet

log "build"
dotnet build ImeBridge.sln --no-restore --configuration Release --verbosity quiet -nologo

log "deploy (Bicep build and lint, no warnings)"
deploy/lint.sh

log "test"
status=0
dotnet test ImeBridge.sln --no-build --configuration Release --nologo \
  --logger "trx" --results-directory "$results" 2>&1 | tee "$results/console.log" || status=$?

# One plain closing line over every test project: "N passed, N failed, N skipped".
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit "$status"
