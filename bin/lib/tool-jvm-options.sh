#!/usr/bin/env bash
# The JVM options of the short-lived tools (pfxconvert, certfind), sourced by bin/lib/launch.sh and by
# bin/lib/aot-train.sh: an AOT cache is made and used under the same options. The serial collector starts and
# finishes sooner than G1 for a process that lives a fraction of a second; no hsperfdata file (jps and jstat cannot see
# such a process anyway).
TOOL_JVM_OPTIONS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData)
