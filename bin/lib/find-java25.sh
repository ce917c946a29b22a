#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer: JAVA_HOME when it is one, else the default java's, else the newest under
# /usr/lib/jvm (by name). Exits 1 with nothing printed when there is none. Sourced by .ci/run, bin/mvn and bin/lib/launch.sh.
# Every launcher start comes here, so it stays within bash where it can: a JVM asked for its version is a JVM start of
# its own (100 ms of CPU), and each other process started costs more than the test it makes on a busy machine.

# Sets REPLY to the runtime's feature version (25): from its release file (every JDK and jlink image since 9), else
# from the JVM itself.
java_feature() {
  local line
  REPLY=
  if [ -f "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*) line="${line#JAVA_VERSION=\"}"; REPLY="${line%%[!0-9]*}"; return ;;
      esac
    done <"$1/release"
  fi
  REPLY="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
}
is_java25() {
  [ -x "$1/bin/java" ] || return 1
  java_feature "$1"
  [ -n "$REPLY" ] && [ "${REPLY%%.*}" -ge 25 ] 2>/dev/null
}
# Sets JAVA25_HOME to the home of a JDK 25 or newer, or returns 1. Without a subshell: the launchers call it on every
# start.
find_java25_home() {
  local home java
  JAVA25_HOME=
  if [ -n "${JAVA_HOME:-}" ] && is_java25 "$JAVA_HOME"; then JAVA25_HOME="$JAVA_HOME"; return 0; fi
  if java="$(command -v java)"; then
    home="$(readlink -f "$java")"
    home="${home%/bin/java}"
    if is_java25 "$home"; then JAVA25_HOME="$home"; return 0; fi
  fi
  # A glob, newest name first (reverse order), rather than ls and sort: no processes.
  local homes=(/usr/lib/jvm/*/) i
  for ((i = ${#homes[@]} - 1; i >= 0; i--)); do
    home="${homes[i]%/}"
    if is_java25 "$home"; then JAVA25_HOME="$home"; return 0; fi
  done
  return 1
}
find_java25() {
  find_java25_home && printf '%s\n' "$JAVA25_HOME"
}
