# Sourced by the benchmarks that drive lem's CLI (capacity.sh, report-memory.sh), after they set $here: finds the
# JDK, builds lem-cli once when its jar is missing, and sets java, cp (lem-cli's class path), work (a temporary
# directory, removed on exit with every pid in pids) and $work/prompts.txt (64 short prompts).
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
