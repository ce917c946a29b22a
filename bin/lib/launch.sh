#!/usr/bin/env bash
# Shared by bin/pfxconvert, bin/certfind and bin/pfxkit-server: find a Java 25 runtime and the tool's jar (building it
# on first use), then run it. Works from any folder.
set -euo pipefail
tool="$1"; module="$2"; main_class="$3"; shift 3
# Paths by parameter expansion, not dirname: every process started before the JVM adds to each run's start-up.
# The bin/ scripts give this file's real, absolute path (they resolve their own).
self="${BASH_SOURCE[0]}"
bin_dir="${self%/lib/launch.sh}"
root="${bin_dir%/bin}"
# shellcheck source=find-java25.sh
. "$bin_dir/lib/find-java25.sh"
# Without JAVA_HOME, the JDK the tool's AOT cache was made with (bin/lib/aot-train.sh names it): the cache works with
# that JVM only, and reading its name costs no process, where finding the default java's home costs a readlink.
trained_jdk="$root/$module/target/$tool.aot.jdk"
if [ -z "${JAVA_HOME:-}" ] && [ -f "$trained_jdk" ] && read -r JAVA25_HOME <"$trained_jdk" && is_java25 "$JAVA25_HOME"
then
  :
elif ! find_java25_home; then
  echo "$tool: needs Java 25 or newer, and none was found (JAVA_HOME, the default java, /usr/lib/jvm/*)" >&2
  echo "hint: install a JDK 25 (Debian: apt-get install openjdk-25-jdk) or set JAVA_HOME to one" >&2
  exit 3
fi
# A first build's output is only its errors: Maven 3.8's jansi writes a colour reset (ESC[0m) to stdout and stderr
# at exit even with -B and -Dstyle.color=never (jansi.noreset stops it), and JDK 24+ warns about Maven's own use of
# sun.misc.Unsafe (guava) and of native access (jffi).
quiet_maven="-Djansi.noreset=true --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
java_home="$JAVA25_HOME"
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
java_opts=()
if [ "${PFXKIT_SERVER:-}" = 1 ]; then
  # Netty loads its native transport and BoringSSL (System.loadLibrary): JDK 24+ warns on stderr at every start
  # unless native access is enabled (JEP 472).
  java_opts=(--enable-native-access=ALL-UNNAMED)
else
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
