#!/usr/bin/env bash
# Cost of lem's sampler per sample, and its share of one core at 10 Hz and 100 Hz (issue 3; target < 0.5 % at
# 100 Hz): JMH benchmarks of one sampler row over a RAPL-shaped powercap tree, the real /proc (the benchmark's own
# process tree) and the NVML C stub (two GPUs, compiled with gcc), all three together; of recording a row
# (PowerTrace.append + PowerCsvWriter.onSample); of reading one /proc/<pid>/stat. Allocation per sample comes from
# JMH's gc profiler.
# Usage: bench/sampler.sh [RESULT.json=results/bench/sampler.json] [more JMH options, e.g. -i 10 -r 2s]
# EXTRA_PROCESSES (default 0,300): sleeping processes started outside the measured tree, since the process meter
# scans every /proc/<pid>/stat and so costs more on a machine with more processes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/jdk.sh"
lem_find_jdk || exit 1
export JAVA_HOME="$LEM_JAVA_HOME"
result="${1:-$here/results/bench/sampler.json}"
shift || true
command -v gcc >/dev/null || { echo "sampler.sh: gcc is missing (the NVML stub is compiled with it); install it with: sudo apt-get install -y gcc" >&2; exit 2; }

(cd "$here" && ./mvnw -q -B -Dmaven.test.skip=true -pl lem-bench -am package)
mkdir -p "$(dirname "$result")"
cp="$here/lem-bench/target/lem-bench-0.1.0-SNAPSHOT.jar:$here/lem-bench/target/lib/*"
procs=(/proc/[0-9]*)
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), ${#procs[@]} processes in /proc before the run"
"$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main 'io\.lem\.bench\.(Sampler|Record|ProcStat)Benchmark' \
  -p extraProcesses="${EXTRA_PROCESSES:-0,300}" -prof gc -rf json -rff "$result" "$@"
echo
echo "JMH result: $result"
"$JAVA_HOME/bin/java" -cp "$cp" io.lem.bench.SamplerReport "$result"
