#!/usr/bin/env bash
# Shared by bin/pfxconvert, bin/certfind and bin/pfxkit-server: find the tool's jar (building it on first use),
# then run it with the class-data-sharing archive made at package time when there is one. Works from any folder.
set -euo pipefail
tool="$1"; module="$2"; main_class="$3"; shift 3
bin_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
root="$(dirname "$bin_dir")"
jar="$root/$module/target/$tool.jar"
if [ ! -f "$jar" ]; then
  echo "$tool: building $module (first run only)..." >&2
  if ! (cd "$root" && mvn -B -q -ntp -DskipTests -pl "$module" -am package >&2); then
    echo "$tool: the build failed; run 'mvn -B package' in $root to see why" >&2
    exit 3
  fi
fi
if [ "${PFXKIT_SERVER:-}" = 1 ]; then
  java_opts=()
else
  # Short-lived tools: a small collector and the C1 JIT only start and finish sooner; no hsperfdata file
  # (jps and jstat cannot see a process that lives a quarter of a second anyway).
  java_opts=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
fi
archive="$root/$module/target/$tool.jsa"
# Only an archive made after the jar (the package phase makes it from that jar): JDK 17 given a stale archive falls
# back to no class sharing at all, not even the JDK's default archive, which is slower than passing none.
if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  java_opts+=(-XX:SharedArchiveFile="$archive" -Xshare:auto)
fi
# -cp and the main class rather than -jar: the launcher then does not open the jar (9,600 entries) to read its
# manifest, and when every class comes from the archive nothing opens it at all (docs/performance.md).
# shellcheck disable=SC2086
exec java "${java_opts[@]}" ${PFXKIT_JAVA_OPTS:-} -cp "$jar" "$main_class" "$@"
