#!/usr/bin/env bash
# What the plugin adds to `mvn verify` of a small infrastructure repository (examples/infra-repo), run
# alternately in one session with a warm local repository, as four projects that differ only in their POM:
#
#   without    the example without the plugin
#   noop       a plugin that does nothing (src/bench/noop-plugin): what Maven charges for any plugin
#   changed    workflow-guard checking (<upToDateChecking>false</upToDateChecking>): a first build, or
#              one after the values changed
#   unchanged  workflow-guard with its defaults, inputs unchanged since the last build (the record repeats)
#
# Each round runs the four once; "adds" is the median over rounds of (variant - without) in the same round,
# which cancels the drift of a shared machine better than a difference of medians. Chart rendering is not
# involved. CPU is user + system time of the whole `mvn` process (JIT and GC threads included).
#
#   ./mvnw -B install -DskipTests -Dinvoker.skip && src/bench/small-repo-overhead.sh [rounds]
set -euo pipefail
rounds=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
mvn="$root/mvnw"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root/src/bench/noop-plugin" && "$mvn" -B -q -o install -Dmaven.test.skip > /dev/null) \
  || { echo "small-repo-overhead: cannot build src/bench/noop-plugin offline" >&2; exit 1; }

for variant in without noop changed unchanged; do
  cp -r "$root/examples/infra-repo" "$work/$variant"
  rm -rf "$work/$variant/target"
done
python3 - "$work" <<'PY'
import re, sys
work = sys.argv[1]
def edit(variant, change):
    path = f"{work}/{variant}/pom.xml"
    text = open(path).read()
    open(path, "w").write(change(text))
edit("without", lambda t: re.sub(r"\s*<build>.*</build>", "", t, flags=re.S))
edit("noop", lambda t: t.replace("<groupId>dev.workflowguard</groupId>", "<groupId>dev.workflowguard.bench</groupId>")
     .replace("<artifactId>workflow-maven-plugin</artifactId>", "<artifactId>noop-maven-plugin</artifactId>")
     .replace("<version>0.1.0-SNAPSHOT</version>\n        <configuration>", "<version>1.0</version>\n        <configuration>"))
edit("changed", lambda t: t.replace("<configuration>", "<configuration>\n          <upToDateChecking>false</upToDateChecking>", 1))
PY
grep -q noop-maven-plugin "$work/noop/pom.xml" && grep -q '<version>1.0</version>' "$work/noop/pom.xml" \
  || { echo "small-repo-overhead: the example POM no longer has the expected plugin block" >&2; exit 1; }

run() { # prints "wall-ms cpu-ms" of one `mvn verify`
  /usr/bin/time -f "%e %U %S" -o "$work/time" "$mvn" -f "$work/$1/pom.xml" -B -q -o verify -Dworkflow.failOn=none \
    > /dev/null 2>&1
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/time"
}
variants=(without noop changed unchanged)
for v in "${variants[@]}"; do run "$v" > /dev/null; done   # warm up caches; leaves `unchanged` its record
grep -q 'check-record.txt' <(ls "$work/unchanged/target/workflow") \
  || { echo "small-repo-overhead: the plugin wrote no check record" >&2; exit 1; }

declare -A wall cpu
for _ in $(seq "$rounds"); do
  for v in "${variants[@]}"; do
    read -r w c < <(run "$v")
    wall[$v]+="$w "; cpu[$v]+="$c "
  done
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
paired() { # median of (variant - without) per round, for the wall or cpu series
  local -n series=$1; local base=(${series[without]}) this=(${series[$2]}) diffs=()
  for i in "${!this[@]}"; do diffs+=($(( this[i] - base[i] ))); done
  median "${diffs[@]}"
}
echo "small-repo-overhead: $rounds rounds, $(nproc) cores, $(java -version 2>&1 | head -1)"
printf '%-10s %10s %10s %10s %10s\n' variant "wall ms" "adds ms" "cpu ms" "adds ms"
for v in "${variants[@]}"; do
  printf '%-10s %10s %10s %10s %10s\n' "$v" "$(median ${wall[$v]})" "$(paired wall "$v")" \
    "$(median ${cpu[$v]})" "$(paired cpu "$v")"
done
