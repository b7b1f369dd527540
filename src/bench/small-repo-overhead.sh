#!/usr/bin/env bash
# What the plugin adds to `mvn verify` of a small infrastructure repository (examples/infra-repo):
# the same project with and without the plugin, run alternately in the same session with a warm
# local repository, and the difference of the medians. Chart rendering is not involved.
#
#   ./mvnw -B install -DskipTests -Dinvoker.skip && src/bench/small-repo-overhead.sh [runs]
set -euo pipefail
runs=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
mvn="$root/mvnw"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/infra-repo" "$work/with"
cp -r "$root/examples/infra-repo" "$work/without"
# The same POM without the plugin: everything else (packaging, reactor, Maven startup) is identical.
python3 - "$work/without/pom.xml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r"\s*<build>.*</build>", "", text, flags=re.S)
open(path, "w").write(text)
PY
run() { # prints the wall time of one `mvn verify` in milliseconds
  local dir=$1; local start end
  start=$(date +%s%N)
  (cd "$dir" && "$mvn" -B -q -o verify -Dworkflow.failOn=none > /dev/null)
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
run "$work/with" > /dev/null; run "$work/without" > /dev/null   # warm up the JVM caches and the local repository
with=(); without=()
for _ in $(seq "$runs"); do
  with+=("$(run "$work/with")")
  without+=("$(run "$work/without")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
mw=$(median "${with[@]}"); mo=$(median "${without[@]}")
echo "small-repo-overhead: $runs runs each, $(nproc) cores"
echo "small-repo-overhead: mvn verify without the plugin: median ${mo} ms"
echo "small-repo-overhead: mvn verify with the plugin:    median ${mw} ms"
echo "small-repo-overhead: the plugin adds $(( mw - mo )) ms (ratio $(awk -v a="$mw" -v b="$mo" 'BEGIN {printf "%.2f", a / b}'))"
