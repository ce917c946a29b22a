#!/usr/bin/env bash
# Shared by bin/pfxconvert, bin/certfind and bin/pfxkit-server: find a Java 25 runtime and the tool's jar (building it
# on first use), then run it. Works from any folder.
set -euo pipefail
tool="$1"; module="$2"; main_class="$3"; shift 3
bin_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
root="$(dirname "$bin_dir")"
# shellcheck source=find-java25.sh
. "$bin_dir/lib/find-java25.sh"
if ! java_home="$(find_java25)"; then
  echo "$tool: needs Java 25 or newer, and none was found (JAVA_HOME, the default java, /usr/lib/jvm/*)" >&2
  echo "hint: install a JDK 25 (Debian: apt-get install openjdk-25-jdk) or set JAVA_HOME to one" >&2
  exit 3
fi
# A first build's output is only its errors: Maven 3.8's jansi writes a colour reset (ESC[0m) to stdout and stderr
# at exit even with -B and -Dstyle.color=never (jansi.noreset stops it), and JDK 24+ warns about Maven's own use of
# sun.misc.Unsafe (guava) and of native access (jffi).
quiet_maven="-Djansi.noreset=true --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
jar="$root/$module/target/$tool.jar"
if [ ! -f "$jar" ] && [ $# -eq 1 ] && { [ "$1" = --help ] || [ "$1" = -h ]; }; then
  # --help has no side effects: no build (the full help comes from the tool, once built).
  echo "usage: $tool [OPTIONS] ...   (pfxkit; not built yet)"
  echo "Its first run builds it (bin/mvn -DskipTests -pl $module -am package, about a minute);"
  echo "then '$tool --help' lists every option, with examples and exit codes."
  exit 0
fi
if [ ! -f "$jar" ]; then
  echo "$tool: building $module (first run only)..." >&2
  if ! MAVEN_OPTS="$quiet_maven ${MAVEN_OPTS:-}" "$bin_dir/mvn" -B -q -ntp -Dstyle.color=never -DskipTests -pl "$module" -am package >&2; then
    echo "$tool: the build failed; run 'bin/mvn -B package' in $root to see why" >&2
    exit 3
  fi
fi
if [ "${PFXKIT_SERVER:-}" = 1 ]; then
  # Netty loads its native transport and BoringSSL (System.loadLibrary): JDK 24+ warns on stderr at every start
  # unless native access is enabled (JEP 472).
  java_opts=(--enable-native-access=ALL-UNNAMED)
else
  # Short-lived tools: a small collector starts and finishes sooner; no hsperfdata file (jps and jstat cannot see a
  # process that lives a quarter of a second anyway).
  java_opts=(-XX:+UseSerialGC -XX:-UsePerfData)
fi
# shellcheck disable=SC2086
exec "$java_home/bin/java" "${java_opts[@]}" ${PFXKIT_JAVA_OPTS:-} -cp "$jar" "$main_class" "$@"
