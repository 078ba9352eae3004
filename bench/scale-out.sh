#!/usr/bin/env bash
# Scale-out proof on one machine: `imebridge serve --store postgres --bus servicebus` with one process, then with
# several sharing one real PostgreSQL and one in-process Service Bus endpoint, one of them killed (SIGKILL) and
# restarted while the burst is in flight; checks exactly-once effect and per-referral order from PostgreSQL.
#   bench/scale-out.sh [REFERRALS=1000] [PROCESSES=3] [CONCURRENCY=16]
# Prints a PASS/FAIL line per check, both throughputs and their ratio; exits non-zero on any FAIL.
# Needs PostgreSQL installed (tests/services/install-packages.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
for project in cli/ImeBridge.Cli bench/ImeBridge.Bench.ScaleOut; do
  dotnet build -c Release -nologo -v q "$project" >/dev/null
done
exec dotnet bench/ImeBridge.Bench.ScaleOut/bin/Release/net10.0/ImeBridge.Bench.ScaleOut.dll "$@"
