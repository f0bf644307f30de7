#!/usr/bin/env bash
# Memory benchmark of reading a large run back (lem report; lem export, lem query and lem verify read it the same way):
#  1. a real lem load output of many requests: lem load --concurrency 64 for SECONDS seconds against one nginx
#     worker answering each POST with 16 one-token SSE chunks + usage (417,000 requests in 5 s here);
#  2. lem report of that directory under a ladder of heap limits (-Xmx): the smallest that succeeds, its time, and the
#     time and peak RSS with the JVM's default heap;
#  3. the peer: Python's json module holding the same requests.jsonl rows as dicts (what a reader's own recomputation
#     does), its peak RSS, in the same run. The heap lem needs per request is printed beside it.
# Usage: bench/report-memory.sh [SECONDS=5 | LOAD_DIR]   (LOAD_DIR: an existing lem load --output, step 1 skipped)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-5}"; given=""
if [ -d "$seconds" ]; then given="$(cd "$seconds" && pwd)"; fi
port=18433
. "$here/bench/cli-env.sh"
command -v python3 >/dev/null || { echo "report-memory.sh: python3 is missing (the peer)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "report-memory.sh: /usr/bin/time is missing; install it with: sudo apt-get install -y time" >&2; exit 2; }

if [ -n "$given" ]; then
  echo "== 1. the lem load output $given"
  out="$given"
else
  echo "== 1. a lem load output: $seconds s at concurrency 64 against one nginx worker"
  nginx_sse "$port"
  out="$work/load"
  timeout 900 "$java" -XX:+UseParallelGC -cp "$cp" io.lem.cli.Main load --endpoint "$url" --model bench \
    --prompts "$work/prompts.txt" --max-tokens 16 --no-metrics --no-report --concurrency 64 --duration "$seconds" \
    --output "$out" > "$work/load.log" 2> "$work/load.err" \
    || { echo "report-memory.sh: lem load failed: $(tail -5 "$work/load.err")" >&2; exit 1; }
  kill "${pids[@]}" 2>/dev/null || true
fi
[ -f "$out/requests.jsonl" ] || { echo "report-memory.sh: $out has no requests.jsonl; give a lem load --output directory" >&2; exit 2; }
rows="$(wc -l < "$out/requests.jsonl")"
mb="$(du -m "$out/requests.jsonl" | cut -f1)"
echo "requests.jsonl: $rows rows, $mb MB"

echo "== 2. lem report under heap limits"
report() { # heap limit or "default"; prints "seconds peak_rss_kb exit_code"
  local xmx=(); [ "$1" = default ] || xmx=("-Xmx$1")
  rm -rf "$work/report"
  /usr/bin/time -f "%e %M %x" -o "$work/time.txt" "$java" "${xmx[@]}" -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
    -cp "$cp" io.lem.cli.Main report "$out" --out "$work/report" > /dev/null 2> "$work/report.err" || true
  tail -1 "$work/time.txt"
}
smallest=""
for heap in 32 48 64 96 128 160 192 256 320 384 512 640 768 1024 1536 2048; do
  read -r s rss rc <<< "$(report "${heap}m")"
  echo "-Xmx${heap}m: $( [ "$rc" = 0 ] && echo "ok in $s s" || { grep -q 'out of memory' "$work/report.err" && echo "out of memory"; } || echo "failed: $(tail -1 "$work/report.err")")"
  if [ "$rc" = 0 ]; then smallest="$heap"; break; fi
done
read -r s rss rc <<< "$(report default)"
echo "default heap: exit $rc, $s s, peak RSS $((rss / 1024)) MB"

echo "== 3. the peer: Python's json holding the same rows"
/usr/bin/time -f "%e %M" -o "$work/py.txt" python3 -c '
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
print(len(rows))' "$out/requests.jsonl" > /dev/null
read -r py_s py_rss <<< "$(tail -1 "$work/py.txt")"
echo "python3 json: $py_s s, peak RSS $((py_rss / 1024)) MB"
if [ -n "$smallest" ]; then
  echo "lem report needs a heap of at most ${smallest} MB for $rows requests," \
    "$(awk -v h="$smallest" -v n="$rows" 'BEGIN {printf "%.0f", h * 1048576 / n}') bytes a request" \
    "(python3's dicts: $(awk -v r="$py_rss" -v n="$rows" 'BEGIN {printf "%.0f", r * 1024 / n}') bytes a request of RSS)"
else
  echo "lem report failed under every heap limit up to 2048 MB: $(tail -3 "$work/report.err")"; exit 1
fi
