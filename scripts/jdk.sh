# Sourced by ./lem and ./run-tests: sets LEM_JAVA_HOME to a JDK 25 or newer.
# Order: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/* (newest first).

lem_java_feature() { # prints the feature version (e.g. 25) of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

lem_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${c%/}"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(lem_java_feature "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then
      LEM_JAVA_HOME="$c"
      return 0
    fi
  done
  cat >&2 <<'MSG'
lem: no JDK 25 or newer found (looked at $JAVA_HOME, `java` on PATH and /usr/lib/jvm/*).
  fix: install one, e.g. `apt-get install openjdk-25-jdk-headless` (Debian 13+) or Temurin 25 from
       https://adoptium.net, or set JAVA_HOME to an existing JDK 25.
MSG
  return 1
}
