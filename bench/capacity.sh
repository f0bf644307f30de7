#!/usr/bin/env bash
# Capacity benchmark of lem's load generator, all on 127.0.0.1 and bounded in time:
#  1. one fast SSE endpoint (16 chunks per request): wrk's request rate, then lem's, and the ratio (target >= 0.5);
#  2. an endpoint that holds each stream open for HOLD_MS: lem keeps 10,000 streams open at once without errors.
# Usage: bench/capacity.sh [SECONDS=10] [CONNECTIONS=64] [STREAMS=10000] [HOLD_MS=20000]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"; connections="${2:-64}"; streams="${3:-10000}"; hold_ms="${4:-20000}"
port_fast=18431; port_hold=18432
. "$here/scripts/jdk.sh"
lem_find_jdk || exit 1
export JAVA_HOME="$LEM_JAVA_HOME"
java="$JAVA_HOME/bin/java"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else
    echo "capacity.sh: wrk is missing; install it with: sudo apt-get install -y wrk" >&2; exit 2
  fi
fi
# each stream is one socket on both ends; the default 1024 is far too low for 10,000 streams
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((streams + 1000)) ]; then
  echo "capacity.sh: open-file limit $(ulimit -n) is below $((streams + 1000)); raise the hard limit (ulimit -Hn)" >&2; exit 2
fi

dist="$here/lem-cli/target"
if [ ! -f "$dist/lem-cli-0.1.0-SNAPSHOT.jar" ]; then
  (cd "$here" && JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -Dmaven.test.skip=true -pl lem-cli -am package)
fi
cp="$dist/lem-cli-0.1.0-SNAPSHOT.jar:$dist/lib/*"
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
for i in $(seq 1 64); do echo "prompt number $i about joules and tokens"; done > "$work/prompts.txt"

start_server() { # port hold_ms
  "$java" -XX:+UseParallelGC "$here/bench/SseServer.java" "$1" "$2" > "$work/server-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/stats" >/dev/null && return 0; sleep 0.2; done
  echo "capacity.sh: server on port $1 did not start: $(cat "$work/server-$1.log")" >&2; exit 1
}
lem_load() { # output-dir, then lem load flags
  local out="$1"; shift
  timeout 600 "$java" -XX:+UseParallelGC -cp "$cp" "$here/bench/LoadMain.java" --endpoint "$url" --model bench \
    --prompts "$work/prompts.txt" --max-tokens 16 --output "$out" "$@" > "$out.log" 2> "$out.err"
}
field() { grep -o "\"$2\" : [0-9.]*" "$1" | head -1 | awk '{print $3}'; }

echo "== 1. request rate on one fast endpoint (16 SSE chunks per request), $seconds s each, $connections connections"
start_server $port_fast 0
url="http://127.0.0.1:$port_fast"
wrk -t2 -c"$connections" -d3s "$url/v1/chat/completions" >/dev/null # warms the server's JIT
wrk_rps="$(wrk -t2 -c"$connections" -d"${seconds}s" "$url/v1/chat/completions" | awk '/Requests\/sec/ {print $2}')"
lem_load "$work/warm" --concurrency "$connections" --duration 3
lem_load "$work/fast" --concurrency "$connections" --duration "$seconds"
lem_rps="$(field "$work/fast/summary.json" request_throughput_per_s)"
lem_failed="$(field "$work/fast/summary.json" requests_failed)"
echo "wrk: $wrk_rps req/s"
echo "lem: $lem_rps req/s (closed loop, $lem_failed failed; every request parsed: 16 chunks timed, usage read)"
echo "ratio lem/wrk: $(awk -v a="$lem_rps" -v b="$wrk_rps" 'BEGIN {printf "%.2f", a / b}') (target >= 0.5)"
grep -o '"error":"[^"]*"' "$work/fast/requests.jsonl" | sort | uniq -c | sort -rn | head -3 || true
kill "${pids[0]}"

echo "== 2. $streams concurrent open streams (each held ~$hold_ms ms)"
start_server $port_hold "$hold_ms"
url="http://127.0.0.1:$port_hold"
lem_load "$work/hold" --concurrency "$streams" --requests "$streams" --timeout 120
max_open="$(curl -s "$url/stats" | grep -o '"max_open":[0-9]*' | cut -d: -f2)"
echo "lem: $(field "$work/hold/summary.json" requests_ok) ok, $(field "$work/hold/summary.json" requests_failed) failed;" \
  "server saw $max_open streams open at once"
grep -o '"error":"[^"]*"' "$work/hold/requests.jsonl" | sort | uniq -c | sort -rn | head -3 || true
