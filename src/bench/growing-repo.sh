#!/usr/bin/env bash
# `mvn verify` of GitOps repositories of growing size: N clusters, each clusters/cluster-N/workflow.yaml holding a
# stock Workflow 2.19 render plus its apps' objects (100 documents, ~25 KB per file; the corpus of ScaleBenchmark).
# For each size, `mvn -o verify` runs alternately with and without workflow-guard checking `clusters/` (rounds
# times each), with a warm local repository and up-to-date checking off, so every build with the plugin checks.
# In the same rounds, ScaleBenchmark#coldComposeAll times a plain single-threaded SnakeYAML composeAll of the same
# files in a fresh JVM (timed inside it, so JVM and Maven start-up are not counted): reading the YAML once, cold,
# as a single build has to. Printed per size: documents, MB, median wall time with and without, what the plugin
# adds, documents per second of what it adds, the cold composeAll, the ratio of the two, the plugin build's peak
# RSS, and the progress lines it logged.
#
#   ./mvnw -B install -DskipTests -Dinvoker.skip && src/bench/growing-repo.sh [rounds] [clusters ...]
#   e.g. src/bench/growing-repo.sh 3 10 100 1000 2000
set -euo pipefail
rounds=${1:-3}
[ $# -gt 0 ] && shift
sizes=(10 100 1000)
[ $# -gt 0 ] && sizes=("$@")
root=$(cd "$(dirname "$0")/../.." && pwd)
mvn="$root/mvnw"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pom() { # $1 dir, $2 "with" or "without"
  local plugin=""
  if [ "$2" = with ]; then
    plugin="<build><plugins><plugin>
      <groupId>dev.workflowguard</groupId><artifactId>workflow-maven-plugin</artifactId><version>0.1.0-SNAPSHOT</version>
      <configuration><workflowVersion>2.19.0</workflowVersion><manifests><manifest>clusters</manifest></manifests>
        <upToDateChecking>false</upToDateChecking><failOnSeverity>none</failOnSeverity></configuration>
      <executions><execution><goals><goal>check</goal></goals></execution></executions>
    </plugin></plugins></build>"
  fi
  cat > "$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>com.example.infra</groupId><artifactId>gitops-$2</artifactId><version>1.0.0-SNAPSHOT</version>
  <packaging>pom</packaging>$plugin</project>
POM
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

echo "growing-repo: $rounds rounds per size, $(nproc) cores, $(java -version 2>&1 | head -1)"
printf '%9s %9s %8s %12s %12s %10s %12s %13s %13s %8s %9s\n' clusters documents MB "without ms" "with ms" "adds ms" \
  "adds docs/s" "composeAll ms" "adds/compose" "RSS MB" progress
for clusters in "${sizes[@]}"; do
  repo="$work/repo-$clusters"
  mkdir -p "$repo/with" "$repo/without"
  "$mvn" -B -q -o -Pbench test -Dtest='ScaleBenchmark#writeCorpus' -Dbench.corpusDir="$repo/with" \
    -Dbench.clusters="$clusters" -f "$root/pom.xml" > /dev/null \
    || { echo "growing-repo: cannot write the corpus (run from a built checkout, online once)" >&2; exit 1; }
  cp -r "$repo/with/clusters" "$repo/without/"
  pom "$repo/with" with
  pom "$repo/without" without
  bytes=$(du -sb "$repo/with/clusters" | cut -f1)
  documents=$((clusters * 100))
  declare -a with=() without=() rss=() compose=()
  for r in $(seq 0 "$rounds"); do   # round 0 warms the file cache and the local repository up
    for v in without with; do
      /usr/bin/time -f "%e %M" -o "$work/time" "$mvn" -f "$repo/$v/pom.xml" -B -o verify > "$work/$v.log" 2>&1 \
        || { echo "growing-repo: mvn verify failed for $clusters clusters ($v); see below" >&2; tail -20 "$work/$v.log" >&2; exit 1; }
      read -r seconds kb < "$work/time"
      if [ "$r" -gt 0 ]; then
        ms=$(awk -v s="$seconds" 'BEGIN{printf "%d", s * 1000}')
        if [ "$v" = with ]; then with+=("$ms"); rss+=($((kb / 1024))); else without+=("$ms"); fi
      fi
    done
    if [ "$r" -gt 0 ]; then
      compose+=($("$mvn" -B -o -Pbench test -Dtest='ScaleBenchmark#coldComposeAll' -Dbench.corpusDir="$repo/with" \
        -f "$root/pom.xml" | sed -n 's/.*ScaleBenchmark: cold composeAll of [0-9]* files: \([0-9]*\) ms.*/\1/p'))
    fi
  done
  [ "${#compose[@]}" -eq "$rounds" ] || { echo "growing-repo: ScaleBenchmark#coldComposeAll printed no time" >&2; exit 1; }
  grep -q "workflow-guard: .* in $clusters files checked" "$work/with.log" \
    || { echo "growing-repo: the plugin did not report a check for $clusters clusters" >&2; exit 1; }
  progress=$(grep -c "workflow-guard: read .* manifest files" "$work/with.log" || true)
  w=$(median "${with[@]}"); wo=$(median "${without[@]}"); adds=$((w - wo)); c=$(median "${compose[@]}")
  printf '%9d %9d %8.1f %12d %12d %10d %12d %13d %13.2f %8d %9d\n' "$clusters" "$documents" \
    "$(awk -v b="$bytes" 'BEGIN{print b/1e6}')" "$wo" "$w" "$adds" \
    "$(awk -v d="$documents" -v a="$adds" 'BEGIN{printf "%d", (a > 0) ? d / (a / 1000) : 0}')" "$c" \
    "$(awk -v a="$adds" -v c="$c" 'BEGIN{printf "%.2f", (c > 0) ? a / c : 0}')" "$(median "${rss[@]}")" "$progress"
  rm -rf "$repo"
done
