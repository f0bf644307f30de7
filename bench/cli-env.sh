# shellcheck shell=bash disable=SC2034,SC2154
# (the variables set here are the sourcing benchmark's to use; $here is its to set)
# Sourced by the benchmarks that drive lem's CLI (capacity.sh, report-memory.sh), after they set $here: finds the
# JDK, builds lem-cli once when its jar is missing, and sets java, cp (lem-cli's class path), work (a temporary
# directory, removed on exit with every pid in pids) and $work/prompts.txt (64 short prompts); defines need
# (a command, installed from Debian when missing) and nginx_sse (a fast OpenAI SSE endpoint).
. "$here/scripts/jdk.sh"
lem_find_jdk || exit 1
export JAVA_HOME="$LEM_JAVA_HOME"
java="$JAVA_HOME/bin/java"
dist="$here/lem-cli/target"
if [ ! -f "$dist/lem-cli-0.1.0-SNAPSHOT.jar" ]; then
  (cd "$here" && JAVA_HOME="$JAVA_HOME" ./mvnw -q -B -Dmaven.test.skip=true -pl lem-cli -am package)
fi
cp="$dist/lem-cli-0.1.0-SNAPSHOT.jar:$dist/lib/*"
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
for i in $(seq 1 64); do echo "prompt number $i about joules and tokens"; done > "$work/prompts.txt"

# need COMMAND DEBIAN_PACKAGE: installs the package with apt-get when the command is missing (as root), else exits 2
need() {
  command -v "$1" >/dev/null && return 0
  [ -x "/usr/sbin/$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
  else
    echo "$(basename "$0"): $1 is missing; install it with: sudo apt-get install -y $2" >&2; exit 2
  fi
}

# nginx_sse PORT: one nginx worker on 127.0.0.1:PORT answering every POST /v1/chat/completions with a 16-chunk
# OpenAI SSE body + usage + [DONE] (an endpoint far faster than any JVM client); sets url
nginx_sse() {
  need nginx nginx-light
  local nginx_bin body i
  nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
  # the SSE body, as nginx's return string (\n escapes, no single quotes inside)
  body=""
  for i in $(seq 0 15); do
    body+="data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t$i\"},\"finish_reason\":null}]}\\n\\n"
  done
  body+="data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":16,\"total_tokens\":25}}\\n\\ndata: [DONE]\\n\\n"
  mkdir -p "$work/nginx/logs"
  cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  client_body_temp_path $work/nginx/body;
  server {
    listen 127.0.0.1:$1;
    location = /v1/chat/completions { default_type text/event-stream; return 200 '$body'; }
    location / { return 404; }
  }
}
EOF
  "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" > "$work/nginx/logs/stdout.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$1"
  for _ in $(seq 1 50); do curl -sf -X POST "$url/v1/chat/completions" -o /dev/null && break; sleep 0.1; done
  curl -sf -X POST "$url/v1/chat/completions" | grep -q '\[DONE\]' \
    || { echo "$(basename "$0"): nginx did not answer: $(cat "$work/nginx/logs/"*)" >&2; exit 1; }
}
