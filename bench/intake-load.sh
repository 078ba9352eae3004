#!/usr/bin/env bash
# Signed webhook intake under load: `imebridge serve` against a bare Kestrel endpoint that only
# reads the body and answers 202, both measured in the same run with the same pre-signed requests.
#   bench/intake-load.sh [DURATION_SECONDS=20] [CONNECTIONS=64] [REQUESTS=150000] [SAMPLE=bench/data/referral-5k.json] [RATE=3000]
# Each target is measured flat out (every connection sends again as soon as it is answered: the most it can take,
# where latency is mostly time spent queued behind the other 63 connections); serve is then measured again offered
# RATE referrals a second over the same connections (bench/wrk-paced.lua), the latency a partner sees at that load.
# The default sample is a full workers' compensation referral of about 4.8 KB compact (seven questions, five
# documents, two parties); samples/webhook/referral.json (3.4 KB) is the lighter one.
# Each target first gets a 30-second warm-up (JIT tiering) with requests of its own, then the measured run.
# Prints one RESULT line per target and the ratio; needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
connections=${2:-64}
count=${3:-150000}
sample=${4:-bench/data/referral-5k.json}
rate=${5:-3000}
# Tiered JIT compiles ~10,000 methods of serve under load (Tier0, instrumented, Tier1); on 2 shared cores that
# keeps going for ~25 s, so a shorter warm-up measures the compiler rather than the bridge.
warmup_seconds=30
threads=2
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

for project in cli/ImeBridge.Cli bench/ImeBridge.Bench.BareKestrel bench/ImeBridge.Bench.LoadGen; do
  dotnet build -c Release -nologo -v q "$project" >/dev/null
done
cli=cli/ImeBridge.Cli/bin/Release/net10.0/imebridge.dll
bare=bench/ImeBridge.Bench.BareKestrel/bin/Release/net10.0/ImeBridge.Bench.BareKestrel.dll
loadgen=bench/ImeBridge.Bench.LoadGen/bin/Release/net10.0/ImeBridge.Bench.LoadGen.dll

wait_up() { for _ in $(seq 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "not up: $1" >&2; return 1; }

run_wrk() { # name url
  # Signatures are valid for 5 minutes, so each run's requests are made just before it.
  dotnet "$loadgen" "$work/warmup.tsv" 150000 "$sample" | sed "s/^/$1 loadgen: /"
  wrk -t$threads -c"$connections" -d"${warmup_seconds}s" --timeout 10s -s bench/wrk-replay.lua "$2" -- "$work/warmup.tsv" $threads \
    | grep -E '^STATUS' | sed "s/^/$1 warmup /"
  dotnet "$loadgen" "$work/requests.tsv" "$count" "$sample" >/dev/null
  wrk -t$threads -c"$connections" -d"${duration}s" --timeout 10s -s bench/wrk-replay.lua "$2" -- "$work/requests.tsv" $threads \
    | grep -E '^(RESULT|STATUS)' | sed "s/^/$1 /"
}

peak_rss_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

ASPNETCORE_URLS=http://127.0.0.1:7190 dotnet "$bare" >/dev/null 2>&1 &
bare_pid=$!
sleep 2
run_wrk bare http://127.0.0.1:7190 | tee "$work/bare.txt"
echo "bare peak_rss_mb=$(peak_rss_mb $bare_pid)"
kill $bare_pid; wait $bare_pid 2>/dev/null || true

dotnet "$cli" serve --urls http://127.0.0.1:7191 --data "$work/data" >/dev/null 2>&1 &
serve_pid=$!
wait_up http://127.0.0.1:7191/health
run_wrk serve http://127.0.0.1:7191 | tee "$work/serve.txt"
dotnet "$loadgen" "$work/paced.tsv" $((rate * duration * 11 / 10)) "$sample" >/dev/null
wrk -t$threads -c"$connections" -d"${duration}s" --timeout 10s -s bench/wrk-paced.lua http://127.0.0.1:7191 -- "$work/paced.tsv" $threads "$rate" \
  | grep -E '^(RESULT|STATUS)' | sed "s/^/serve at ${rate}\/s /"
echo "serve peak_rss_mb=$(peak_rss_mb $serve_pid)"
kill -TERM $serve_pid; wait $serve_pid 2>/dev/null || true
# Every 202 must be a stored referral (the warm-up's included).
stored=$(sqlite3 "$work/data/imebridge.db" 'select count(*) from referrals' 2>/dev/null || echo "?")
echo "serve referrals_stored=$stored"

bare_rps=$(sed -n 's/.*rps=\([0-9]*\).*/\1/p' "$work/bare.txt")
serve_rps=$(sed -n 's/.*rps=\([0-9]*\).*/\1/p' "$work/serve.txt")
awk -v s="$serve_rps" -v b="$bare_rps" 'BEGIN { printf "ratio serve/bare throughput = %.3f\n", s / b }'
