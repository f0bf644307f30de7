#!/usr/bin/env bash
# Capacity benchmark of lem's load generator, all on 127.0.0.1 and bounded in time:
#  1. request rate against one nginx worker answering every POST with a 16-chunk OpenAI SSE body + usage + [DONE]
#     (an endpoint far faster than any JVM client, so it is not the limit): wrk -t1 -cN, then lem load
#     --concurrency N, for the same duration, one after the other. Prints both rates, the ratio (goal >= 0.5) and CPU
#     microseconds per request of both. lem parses every event, times every chunk and writes requests.jsonl.
#  2. an endpoint that holds each stream open for HOLD_MS (nginx cannot hold a stream, so a small Java server does;
#     it is not measured for rate): lem keeps STREAMS streams open at once without errors.
# Usage: bench/capacity.sh [SECONDS=10] [CONNECTIONS=64] [STREAMS=10000] [HOLD_MS=20000]
# Installs nginx-light and wrk with apt-get when they are missing (as root). On a shared machine both sides are
# slowed alike by other load; read the ratio, not the absolute rates.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"; connections="${2:-64}"; streams="${3:-10000}"; hold_ms="${4:-20000}"
port_fast=18431; port_hold=18432
. "$here/bench/cli-env.sh"

need wrk wrk
# each stream is one socket on both ends; the default 1024 is far too low for 10,000 streams
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((streams + 1000)) ]; then
  echo "capacity.sh: open-file limit $(ulimit -n) is below $((streams + 1000)); raise the hard limit (ulimit -Hn)" >&2; exit 2
fi

nginx_sse "$port_fast"
cat > "$work/post.lua" <<'EOF'
wrk.method = "POST"
wrk.body = '{"model":"bench","messages":[{"role":"user","content":"prompt number 1 about joules and tokens"}],"max_tokens":16,"stream":true}'
wrk.headers["Content-Type"] = "application/json"
EOF

cpu_s() { tail -1 "$1" | awk "{print \$1 + \$2}"; } # "user sys" seconds from bash's time (its last line: wrk may warn first)
field() { grep -o "\"$2\" : [0-9.eE+-]*" "$1" | head -1 | awk '{print $3}'; }
TIMEFORMAT='%U %S'

echo "== 1. request rate against one nginx worker (16 SSE chunks + usage + [DONE] per POST), $seconds s each, $connections connections"
wrk -t1 -c"$connections" -d2s -s "$work/post.lua" "$url/v1/chat/completions" >/dev/null # nginx's first contact
{ time wrk -t1 -c"$connections" -d"${seconds}s" -s "$work/post.lua" "$url/v1/chat/completions" > "$work/wrk.txt"; } 2> "$work/wrk.time"
wrk_rps="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")"
wrk_requests="$(awk '/requests in/ {print $1}' "$work/wrk.txt")"
wrk_us="$(awk -v c="$(cpu_s "$work/wrk.time")" -v n="$wrk_requests" 'BEGIN {printf "%.1f", c * 1e6 / n}')"
out="$work/lem"
{ time timeout 600 "$java" -XX:+UseParallelGC -cp "$cp" io.lem.cli.Main load --endpoint "$url" --model bench \
    --prompts "$work/prompts.txt" --max-tokens 16 --no-metrics --no-report --concurrency "$connections" --duration "$seconds" \
    --output "$out" > "$out.log" 2> "$out.err"; } 2> "$work/lem.time" \
  || { echo "capacity.sh: lem load failed: $(tail -5 "$out.err")" >&2; exit 1; }
lem_rps="$(field "$out/summary.json" request_throughput_per_s)"
lem_ok="$(field "$out/summary.json" requests_ok)"
lem_failed="$(field "$out/summary.json" requests_failed)"
lem_rows="$(wc -l < "$out/requests.jsonl")"
lem_full="$(grep -c '"status":"ok","http_status":200,.*"completion_tokens":16,.*"chunks":16,' "$out/requests.jsonl" || true)"
lem_us="$(field "$out/summary.json" cpu_us_per_request)"
lem_process_us="$(awk -v c="$(cpu_s "$work/lem.time")" -v n="$lem_rows" 'BEGIN {printf "%.1f", c * 1e6 / n}')"
echo "wrk: $wrk_rps req/s ($wrk_requests requests), $wrk_us us CPU per request"
echo "lem: $lem_rps req/s ($lem_ok ok, $lem_failed failed; $lem_full of $lem_rows rows in requests.jsonl with 16 timed chunks and usage)," \
  "$lem_us us CPU per request over the load ($lem_process_us with JVM start-up and JIT)"
echo "ratio lem/wrk: rate $(awk -v a="$lem_rps" -v b="$wrk_rps" 'BEGIN {printf "%.2f", a / b}') (goal >= 0.5)," \
  "CPU per request $(awk -v a="$lem_us" -v b="$wrk_us" 'BEGIN {printf "%.2f", a / b}') (goal <= 3)"
grep -o '"error":"[^"]*"' "$out/requests.jsonl" | sort | uniq -c | sort -rn | head -3 || true

echo "== 2. $streams concurrent open streams (each held ~$hold_ms ms)"
"$java" -XX:+UseParallelGC "$here/bench/SseServer.java" "$port_hold" "$hold_ms" > "$work/server-hold.log" 2>&1 &
pids+=($!)
url="http://127.0.0.1:$port_hold"
for _ in $(seq 1 100); do curl -sf "$url/stats" >/dev/null && break; sleep 0.2; done
out="$work/hold"
timeout 600 "$java" -XX:+UseParallelGC -cp "$cp" io.lem.cli.Main load --endpoint "$url" --model bench \
  --prompts "$work/prompts.txt" --max-tokens 16 --no-metrics --no-report --concurrency "$streams" --requests "$streams" \
  --timeout 120 --output "$out" > "$out.log" 2> "$out.err" || true
max_open="$(curl -s "$url/stats" | grep -o '"max_open":[0-9]*' | cut -d: -f2)"
echo "lem: $(field "$out/summary.json" requests_ok) ok, $(field "$out/summary.json" requests_failed) failed;" \
  "server saw $max_open streams open at once"
grep -o '"error":"[^"]*"' "$out/requests.jsonl" | sort | uniq -c | sort -rn | head -3 || true
