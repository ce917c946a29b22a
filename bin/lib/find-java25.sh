#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer: JAVA_HOME when it is one, else the default java's, else the newest under
# /usr/lib/jvm. Exits 1 with nothing printed when there is none. Sourced by .ci/run, bin/mvn and bin/lib/launch.sh.
# The feature version: from the runtime's release file (JDK 9+, jlink images too), which costs nothing, else from the
# JVM itself. Every launcher start comes here: asking a JVM costs a JVM start of its own (100 ms of CPU) per candidate.
java_feature() {
  local v
  if [ -f "$1/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"
    [ -n "$v" ] && { printf '%s\n' "$v"; return; }
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
find_java25() {
  local candidates=() home v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${home%/}"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] || continue
    v="$(java_feature "$home")"
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then printf '%s\n' "$home"; return 0; fi
  done
  return 1
}
