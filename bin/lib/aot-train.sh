#!/usr/bin/env bash
# Build time (exec-maven-plugin, package phase; root pom): a training run of a tool's packaged jar that writes its AOT
# cache, TARGET/TOOL.aot (JEP 483 and 515, one step as in JEP 514: -XX:AOTCacheOutput). The run does the tool's real
# job on throw-away inputs, so the cache holds the classes, linkage and method profiles of that job:
#   pfxconvert  an RSA-2048 key and certificate (PEM) converted to a PFX
#   certfind    a subject search on a one-certificate PKCS#12 store
# A failing run fails the build and prints its output. bin/lib/launch.sh uses the cache when it is newer than the jar.
# Usage: aot-train.sh JAVA_HOME TOOL JAR MAIN_CLASS
set -euo pipefail
if [ "${1:-}" = --help ] || [ "${1:-}" = -h ]; then
  echo "usage: aot-train.sh JAVA_HOME TOOL JAR MAIN_CLASS   (run by the build's package phase: writes TOOL.aot beside JAR)"
  exit 0
fi
if [ $# -ne 4 ]; then
  echo "usage: aot-train.sh JAVA_HOME TOOL JAR MAIN_CLASS" >&2
  exit 2
fi
java_home="$1"; tool="$2"; jar="$(readlink -f "$3")"; main_class="$4"
# shellcheck source=tool-jvm-options.sh
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/tool-jvm-options.sh"
cache="$(dirname "$jar")/$tool.aot"
log="$(dirname "$jar")/$tool.aot.log"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rm -f "$cache" "$cache.jdk"

# Runs a step with its output in the log; on failure prints the log and stops the build.
step() {
  if ! "$@" >>"$log" 2>&1; then
    echo "aot-train: the $tool training run failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}
# The tool as bin/lib/launch.sh runs it; the training run itself is the one with -XX:AOTCacheOutput.
tool() { step "$java_home/bin/java" "${TOOL_JVM_OPTIONS[@]}" -cp "$jar" "$main_class" "$@"; }
training() { step "$java_home/bin/java" "${TOOL_JVM_OPTIONS[@]}" "-XX:AOTCacheOutput=$cache" -cp "$jar" "$main_class" "$@"; }

: >"$log"
printf 'training-password\n' >"$work/store.pwd"
step "$java_home/bin/keytool" -genkeypair -alias training -keyalg RSA -keysize 2048 -validity 30 \
  -dname "CN=training.example, O=pfxkit" -storetype PKCS12 -keystore "$work/store.p12" \
  -storepass:file "$work/store.pwd"
case "$tool" in
  pfxconvert)
    tool --to-pem "$work/store.p12" --password-file "$work/store.pwd" --out "$work/site"
    training "$work/site.key" "$work/site.crt" --out "$work/site.pfx" --password-file "$work/store.pwd"
    ;;
  certfind)
    training --subject training --password-file "$work/store.pwd" "$work/store.p12"
    ;;
  *)
    echo "aot-train: no training run for '$tool' (pfxconvert, certfind)" >&2
    exit 2
    ;;
esac
if [ ! -s "$cache" ]; then
  echo "aot-train: the $tool training run wrote no AOT cache ($cache)" >&2
  cat "$log" >&2
  exit 1
fi
# Pre-Java-6 class files cannot go into the cache; the build upgrades them first (bin/lib/UpgradeClassFiles.java).
# One left out would cost every start again, silently: say so here.
if grep -q "Old class has been linked" "$log"; then
  echo "aot-train: classes of $jar were left out of the AOT cache as pre-Java-6 class files:" >&2
  grep "Old class has been linked" "$log" | head -5 >&2
  echo "hint: the upgrade-class-files step (root pom) must run on the jar before this training run" >&2
  rm -f "$cache"
  exit 1
fi
# The JDK this cache is for: bin/lib/launch.sh runs it when JAVA_HOME is not set.
printf '%s\n' "$java_home" >"$cache.jdk"
