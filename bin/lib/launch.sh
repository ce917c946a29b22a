#!/usr/bin/env bash
# Shared by bin/pfxconvert, bin/certfind and bin/pfxkit-server: find a Java 25 runtime and the tool's jar (building it
# on first use), then run it. Works from any folder.
set -euo pipefail
tool="$1"; module="$2"; main_class="$3"; shift 3
# Paths by parameter expansion, not dirname: every process started before the JVM adds to each run's start-up.
self="$(readlink -f "${BASH_SOURCE[0]}")"
bin_dir="${self%/lib/launch.sh}"
root="${bin_dir%/bin}"
# shellcheck source=find-java25.sh
. "$bin_dir/lib/find-java25.sh"
if ! java_home="$(find_java25)"; then
  echo "$tool: needs Java 25 or newer, and none was found (JAVA_HOME, the default java, /usr/lib/jvm/*)" >&2
  echo "hint: install a JDK 25 (Debian: apt-get install openjdk-25-jdk) or set JAVA_HOME to one" >&2
  exit 3
fi
jar="$root/$module/target/$tool.jar"
if [ ! -f "$jar" ]; then
  echo "$tool: building $module (first run only)..." >&2
  if ! "$bin_dir/mvn" -B -q -ntp -Dstyle.color=never -DskipTests -pl "$module" -am package >&2; then
    echo "$tool: the build failed; run 'bin/mvn -B package' in $root to see why" >&2
    exit 3
  fi
fi
java_opts=()
if [ "${PFXKIT_SERVER:-}" != 1 ]; then
  # shellcheck source=tool-jvm-options.sh
  . "$bin_dir/lib/tool-jvm-options.sh"
  java_opts=("${TOOL_JVM_OPTIONS[@]}")
  # The AOT cache the build's training run wrote (bin/lib/aot-train.sh), unless the jar was built again after it or
  # PFXKIT_JAVA_OPTS names an AOT cache of its own (a packager's training run). The JVM itself checks that the cache
  # was made by the same JVM build, with the same options and jar; when it was not, it runs without it, and the
  # -Xlog setting silences the JVM's report of that (errors and warnings of the aot and cds tags only, on stdout).
  cache="$root/$module/target/$tool.aot"
  if [ -f "$cache" ] && [ "$cache" -nt "$jar" ] && [[ "${PFXKIT_JAVA_OPTS:-}" != *-XX:AOT* ]]; then
    java_opts+=("-XX:AOTCache=$cache" "-Xlog:aot*=off,cds*=off")
  fi
fi
# shellcheck disable=SC2086
exec "$java_home/bin/java" "${java_opts[@]}" ${PFXKIT_JAVA_OPTS:-} -cp "$jar" "$main_class" "$@"
