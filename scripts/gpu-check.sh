#!/usr/bin/env bash
# The GPU verification kit (issue 7, section 4), in two halves:
#   scripts/gpu-check.sh build [KIT_DIR]   here, with a JDK 25: lem's jars and a jlinked Java runtime into KIT_DIR
#                                          (default: gpukit/, git-ignored), under 64 MB so it can be carried whole
#   KIT_DIR/gpu-check.sh run OUT_DIR       on a Linux machine with an NVIDIA GPU, Python 3 and torch, no JDK:
#                                          lem meters, lem power log at 10/50/100 Hz, lem power measure of a torch
#                                          matmul load, and NVML's energy counter against integrated instant and
#                                          1 s-averaged power over 0.5, 2 and 10 s windows; one OUT_DIR/report.json,
#                                          within 8 minutes
# Settings for run (environment): GPU_CHECK_LOG_S (seconds per logging rate, 5), GPU_CHECK_LOAD_S (torch load, 20),
# GPU_CHECK_LOAD (a shell command replacing the torch load: the kit's own test runs it without a GPU).
# Maven flags for build go through MAVEN_ARGS (e.g. MAVEN_ARGS=-o offline).
set -euo pipefail

KIT_LIMIT_BYTES=$((64 * 1024 * 1024))
# Modules beyond jdeps' list: what lem reaches by reflection, service lookup or a TLS/JMX/naming call at run time.
BASE_MODULES=java.base,java.net.http,java.logging,java.management,jdk.httpserver,jdk.unsupported,java.sql,java.naming,jdk.crypto.ec
# Jars the kit's commands (meters, power) never load: DuckDB, SQLite, ECharts, JFreeChart, Javalin with Jetty and
# Kotlin, and what only they need; without them jdeps also drops java.rmi, java.instrument and java.security.jgss.
KIT_LEFT_OUT="duckdb*.jar sqlite-jdbc*.jar echarts*.jar jfreechart*.jar org.jfree*.jar javalin*.jar jetty-*.jar
jakarta.*.jar kotlin-*.jar annotations-*.jar asm*.jar"
# jdeps lists java.desktop for Jackson's optional (requires static) java.beans annotations; lem uses none: 10+ MB saved.
DROPPED_MODULES=java.desktop

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  echo "usage: $0 build [KIT_DIR] | run OUT_DIR" >&2
  exit 2
}

build() {
  local repo kit start jdk mods jars size
  repo="$(cd "$here/.." && pwd)"
  kit="$(mkdir -p "${1:-$repo/gpukit}" && cd "${1:-$repo/gpukit}" && pwd)"
  # shellcheck source-path=SCRIPTDIR source=jdk.sh
  . "$repo/scripts/jdk.sh"
  lem_find_jdk || exit 1
  jdk="$LEM_JAVA_HOME/bin"
  start=$(date +%s)
  echo "gpu-check: building lem (tests skipped)..." >&2
  (cd "$repo" && JAVA_HOME="$LEM_JAVA_HOME" ./mvnw -q -B -Dmaven.test.skip=true -Dmaven.javadoc.skip=true package) >&2
  rm -rf "${kit:?}/runtime" "${kit:?}/lib"
  mkdir -p "$kit/lib"
  cp "$repo"/lem-cli/target/lem-cli-*.jar "$kit/lib/"
  # the kit runs lem meters and lem power only: the SQL, report, chart and web-server libraries stay behind (lem's
  # own jars stay, so every command still parses; lem report, query, lab and serve need a full build)
  find "$repo/lem-cli/target/lib" -name '*.jar' -exec cp {} "$kit/lib/" \;
  # shellcheck disable=SC2086 # each name is a glob
  for left in $KIT_LEFT_OUT; do rm -f "$kit/lib/"$left; done
  trim_llama "$jdk" "$kit/lib"
  jars=("$kit"/lib/*.jar)
  mods=$("$jdk/jdeps" --ignore-missing-deps --multi-release 25 --print-module-deps "${jars[@]}")
  mods=$(echo "$BASE_MODULES,$mods" | tr ',' '\n' | grep -vxF "$DROPPED_MODULES" | sort -u | paste -sd, -)
  echo "gpu-check: jlink $mods" >&2
  "$jdk/jlink" --add-modules "$mods" --strip-debug --compress zip-9 --no-header-files --no-man-pages \
    --output "$kit/runtime"
  if [ "$kit/gpu-check.sh" != "$here/gpu-check.sh" ]; then cp "$here/gpu-check.sh" "$kit/gpu-check.sh"; fi
  write_launcher "$kit/lem"
  size=$(du -sb "$kit" | cut -f1)
  cat >"$kit/BUILD.json" <<JSON
{"lem_commit": "$(git -C "$repo" rev-parse HEAD 2>/dev/null || echo unknown)", "built_at": "$(date -u +%FT%TZ)",
 "arch": "$(uname -m)", "java": "$("$kit/runtime/bin/java" -version 2>&1 | head -n 1 | tr -d '"')",
 "modules": "$mods", "build_s": $(($(date +%s) - start)), "kit_bytes": $size}
JSON
  echo "gpu-check: kit $kit: $((size / 1024 / 1024)) MB (runtime $(du -sm "$kit/runtime" | cut -f1) MB," \
    "jars $(du -sm "$kit/lib" | cut -f1) MB), built in $(($(date +%s) - start)) s"
  if [ "$size" -ge "$KIT_LIMIT_BYTES" ]; then
    echo "gpu-check: the kit is over 64 MB and cannot be carried; fix: leave out more jars or modules" >&2
    exit 1
  fi
}

# The llama.cpp jar carries natives for six platforms; the jlinked runtime runs on this one only, so keep its own.
trim_llama() {
  local jdk=$1 lib=$2 jar tmp os arch
  jar=$(find "$lib" -name 'llama-*.jar' | head -n 1)
  [ -n "$jar" ] || return 0
  arch=$(uname -m)
  case "$arch" in x86_64) arch=x86_64 ;; aarch64 | arm64) arch=aarch64 ;; esac
  os=Linux
  tmp=$(mktemp -d)
  (cd "$tmp" && "$jdk/jar" xf "$jar")
  find "$tmp/de/kherud/llama" -mindepth 2 -maxdepth 2 -type d ! -path "*/$os/$arch" -exec rm -rf {} +
  find "$tmp/de/kherud/llama" -mindepth 1 -maxdepth 1 -type d -empty -delete
  mv "$tmp/META-INF/MANIFEST.MF" "$tmp.mf"
  "$jdk/jar" --create --file "$jar" --manifest "$tmp.mf" -C "$tmp" .
  rm -rf "$tmp" "$tmp.mf"
}

write_launcher() {
  cat >"$1" <<'SH'
#!/usr/bin/env bash
# lem on the kit's own runtime (no JDK needed): built by scripts/gpu-check.sh build.
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$kit/runtime/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp "$kit/lib/*" io.lem.cli.Main "$@"
SH
  chmod +x "$1"
}

# The torch load: bfloat16 matmuls, 3 s on and 1 s off, so the windows see both steady load and transitions.
# shellcheck disable=SC2016 # Python source, expanded by nobody
TORCH_LOAD='
import json, sys, time, torch
total_s = float(sys.argv[1]); on_s, off_s = 3.0, 1.0
n = 8192
a = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
b = torch.randn(n, n, device="cuda", dtype=torch.bfloat16)
torch.cuda.synchronize()
t0 = time.monotonic(); matmuls = 0; busy_s = 0.0
while time.monotonic() - t0 < total_s:
    start = time.monotonic()
    while time.monotonic() - start < on_s:
        for _ in range(20):
            c = a @ b
        torch.cuda.synchronize(); matmuls += 20
    busy_s += time.monotonic() - start
    if time.monotonic() - t0 + off_s < total_s:
        time.sleep(off_s)
elapsed = time.monotonic() - t0
print(json.dumps({"torch": torch.__version__, "cuda": torch.version.cuda, "device": torch.cuda.get_device_name(0),
                  "matrix_n": n, "dtype": "bfloat16", "pattern": {"on_s": on_s, "off_s": off_s},
                  "matmuls": matmuls, "elapsed_s": elapsed, "busy_s": busy_s,
                  "tflops_while_busy": 2 * n ** 3 * matmuls / busy_s / 1e12}))
'

DEADLINE_S=450 # 7.5 minutes: every step's timeout is cut to what is left, so the whole run ends within 8

run() {
  local out kit rc hz log_s load_s logpid
  [ -n "${1:-}" ] || usage
  out="$(mkdir -p "$1" && cd "$1" && pwd)"
  kit="$here"
  [ -x "$kit/runtime/bin/java" ] || kit="$(cd "$here/.." && pwd)/gpukit"
  if [ ! -x "$kit/runtime/bin/java" ]; then
    echo "gpu-check: no kit next to this script nor in gpukit/; fix: run 'scripts/gpu-check.sh build' first" >&2
    exit 2
  fi
  command -v python3 >/dev/null || { echo "gpu-check: python3 not found; fix: install Python 3 with torch" >&2; exit 2; }
  log_s=${GPU_CHECK_LOG_S:-5}
  load_s=${GPU_CHECK_LOAD_S:-20}
  LEM="$kit/lem"
  STEPS="$out/steps.tsv"
  : >"$STEPS"
  cp "$kit/BUILD.json" "$out/build.json"

  step meters 60 "$LEM" meters
  step gpus 60 "$LEM" power gpus
  for hz in 10 50 100; do
    step "log_${hz}hz" $((log_s + 60)) "$LEM" power log --meters nvml --sample-rate "$hz" --duration "$log_s" \
      --output "$out/log_${hz}hz.csv"
    step "compare_${hz}hz" 60 "$LEM" power compare "$out/log_${hz}hz.csv" --output "$out/compare_${hz}hz.json"
  done

  # one 100 Hz log around the measured load: the comparison's data; lem power measure is its own check
  "$LEM" power log --meters nvml --sample-rate 100 --duration $((load_s + 150)) --output "$out/torch_power.csv" \
    >"$out/torch_log.log" 2>&1 &
  logpid=$!
  sleep 3
  if [ -n "${GPU_CHECK_LOAD:-}" ]; then
    step measure $((load_s + 120)) "$LEM" power measure --meters nvml -- bash -c "$GPU_CHECK_LOAD"
  else
    step measure $((load_s + 120)) "$LEM" power measure --meters nvml -- python3 -c "$TORCH_LOAD" "$load_s"
  fi
  sleep 2
  kill -TERM "$logpid" 2>/dev/null || true
  rc=0
  wait "$logpid" || rc=$?
  # 143 is the SIGTERM that ends it: its shutdown hook closes the CSV and prints the log's paragraph
  [ "$rc" != 143 ] || rc=0
  printf 'torch_log\t%s\t\t%s\n' "$rc" "torch_log.log" >>"$STEPS"
  step compare_torch 60 "$LEM" power compare "$out/torch_power.csv" --output "$out/compare_torch.json"

  python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(name):
    path = os.path.join(out, name)
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        return {"error": f"{name}: {e}"}
def text(name):
    try:
        with open(os.path.join(out, name)) as f:
            return f.read().splitlines()
    except OSError:
        return None
steps = []
with open(os.path.join(out, "steps.tsv")) as f:
    for line in f:
        name, rc, seconds, log = line.rstrip("\n").split("\t")
        steps.append({"step": name, "exit_code": int(rc) if rc.lstrip("-").isdigit() else rc,
                      "duration_s": float(seconds) if seconds else None, "log": log})
measure = text("measure.log") or []
load_json = next((json.loads(l) for l in measure if l.startswith("{")), None)
report = {
    "kit": "lem GPU verification kit (scripts/gpu-check.sh run)",
    "about": "NVML's energy counter (nvmlDeviceGetTotalEnergyConsumption) is the reference; instant power "
             "(NVML_FI_DEV_POWER_INSTANT, gpu<i>:power_instant_w) and the driver's 1 s average "
             "(nvmlDeviceGetPowerUsage, gpu<i>:power_w) are integrated over the same windows. rel_diff = "
             "(integrated - counter) / counter; see comparison.method. Windows slide across the span in which "
             "the GPU was busy during the torch load.",
    "build": load("build.json"),
    "host": {"uname": " ".join(os.uname()), "cpus": os.cpu_count()},
    "gpus": load("gpus.json"),
    "steps": steps,
    "all_steps_ok": all(s["exit_code"] == 0 for s in steps),
    "meters": text("meters.log"),
    "power_log": {f"{hz}hz": load(f"compare_{hz}hz.json") for hz in (10, 50, 100)},
    "load": load_json,
    "power_measure": [l for l in measure if not l.startswith("{")],
    "comparison": load("compare_torch.json"),
}
with open(os.path.join(out, "report.json"), "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
print(f"gpu-check: wrote {os.path.join(out, 'report.json')}; steps ok: {report['all_steps_ok']}")
PY
}

# step NAME LIMIT_S COMMAND...: runs it under the deadline, its output in OUT/NAME.log (stdout alone in .json for gpus)
step() {
  local name=$1 limit=$2 left start rc=0
  shift 2
  left=$((DEADLINE_S - SECONDS))
  if [ "$left" -lt 10 ]; then
    printf '%s\tskipped (deadline)\t\t\n' "$name" >>"$STEPS"
    return 0
  fi
  [ "$limit" -le "$left" ] || limit=$left
  start=$(date +%s.%N)
  if [ "$name" = gpus ]; then
    timeout -k 5 "$limit" "$@" >"$out/gpus.json" 2>"$out/$name.log" || rc=$?
  else
    timeout -k 5 "$limit" "$@" >"$out/$name.log" 2>&1 || rc=$?
  fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$rc" "$(python3 -c "print(round($(date +%s.%N) - $start, 3))")" "$name.log" \
    >>"$STEPS"
  echo "gpu-check: $name exit $rc" >&2
}

case "${1:-}" in
  build) shift; build "$@" ;;
  run) shift; run "$@" ;;
  *) usage ;;
esac
