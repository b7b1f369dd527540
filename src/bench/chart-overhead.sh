#!/usr/bin/env bash
# What `<chart>` adds to `mvn verify`, in renders of the same chart measured in the same run. A project is made
# around a copy of the chart (and the values files given, or none), and each round runs, one after another:
#
#   skip       mvn verify with the plugin configured and -Dworkflow.skip=true: the build the targets compare with
#   checking   mvn verify from a clean target/ (no record, no kept renders): a first build, a CI job on a fresh clone
#   unchanged  mvn verify again with nothing changed: the up-to-date record repeats the outcome
#
# with each plugin build named in PLUGINS (a local repository per build, holding that build of the plugin as
# 0.1.0-SNAPSHOT: `./mvnw -B -q -o install -DskipTests -Dinvoker.skip -Dmaven.repo.local=DIR`). "adds" is the median
# over rounds of (variant - skip) in the same round; "render" is the one in-process render the checking build
# logged ("rendered ... in N ms": Helm's native library load included, as in every build). The reports of the
# checking builds are compared finding by finding between plugin builds: rule, severity, every place (file, line,
# column, values path, object) and the fix, then the messages.
#
#   PLUGINS="old=/tmp/m2-old new=/tmp/m2-new" src/bench/chart-overhead.sh CHART_DIR [rounds] [values files...]
set -euo pipefail
chart=$(cd "$1" && pwd); rounds=${2:-3}; shift; shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
mvn="$root/mvnw"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
read -r -a plugins <<< "${PLUGINS:?name=local-repository pairs}"

mkdir -p "$work/project/values"
cp -r "$chart" "$work/project/chart"
vals=""
for f in "$@"; do cp "$f" "$work/project/values/"; vals="$vals<valuesFile>values/$(basename "$f")</valuesFile>"; done
cat > "$work/project/pom.xml" <<POM
<project><modelVersion>4.0.0</modelVersion><groupId>bench</groupId><artifactId>chart</artifactId><version>1</version>
<packaging>pom</packaging><build><plugins><plugin><groupId>dev.workflowguard</groupId>
<artifactId>workflow-maven-plugin</artifactId><version>0.1.0-SNAPSHOT</version>
<configuration><chart>chart</chart><valuesFiles>$vals</valuesFiles><failOnSeverity>none</failOnSeverity></configuration>
<executions><execution><goals><goal>check</goal></goals></execution></executions></plugin></plugins></build></project>
POM

run() { # repository, extra args...: prints wall ms; the log is in $work/log
  local repo=$1; shift
  local start end
  start=$(date +%s%N)
  "$mvn" -f "$work/project/pom.xml" -B -o -Dmaven.repo.local="$repo" verify "$@" > "$work/log" 2>&1 \
    || { cat "$work/log" >&2; echo "chart-overhead: mvn verify failed" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
render_ms() { sed -n 's/.*with Helm: [0-9]* objects checked in \([0-9]*\) ms.*/\1/p' "$work/log" | head -1; }

first=${plugins[0]#*=}
run "$first" -Dworkflow.skip=true > /dev/null   # warm up Maven and the file cache
declare -A times
for round in $(seq "$rounds"); do
  skip=$(run "$first" -Dworkflow.skip=true)
  times[skip]+="$skip "
  line="round $round: skip $skip ms"
  for plugin in "${plugins[@]}"; do
    name=${plugin%%=*}; repo=${plugin#*=}
    rm -rf "$work/project/target"
    checking=$(run "$repo")
    render=$(render_ms)
    cp "$work/project/target/workflow/report.json" "$work/report-$name.json"
    unchanged=$(run "$repo")
    grep -q "nothing changed since the last check" "$work/log" || echo "  ($name: the unchanged build checked again)"
    times[$name-checking]+="$((checking - skip)) "; times[$name-unchanged]+="$((unchanged - skip)) "
    times[$name-render]+="$render "
    line="$line | $name: checking +$((checking - skip)) ms, unchanged +$((unchanged - skip)) ms, render $render ms"
  done
  echo "$line"
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
echo "medians over $rounds rounds (skip build $(echo "${times[skip]}" | median) ms):"
for plugin in "${plugins[@]}"; do
  name=${plugin%%=*}
  c=$(echo "${times[$name-checking]}" | median); u=$(echo "${times[$name-unchanged]}" | median)
  r=$(echo "${times[$name-render]}" | median)
  awk -v n="$name" -v c="$c" -v u="$u" -v r="$r" 'BEGIN {
    printf "  %s: checking adds %d ms = %.1f renders, unchanged adds %d ms = %.1f renders (render %d ms)\n",
      n, c, c / r, u, u / r, r }'
done
if [ ${#plugins[@]} -gt 1 ]; then
  python3 - "$work" "${plugins[@]}" <<'PY'
import json, sys
work, names = sys.argv[1], [p.split("=")[0] for p in sys.argv[2:]]
PLACE = ("file", "line", "column", "valuesPath", "object")
def findings(name, messages):
    """Each finding as its rule, severity, places and fix; with messages, also every message."""
    report = json.load(open(f"{work}/report-{name}.json"))
    out = []
    for f in report.get("findings", []):
        entry = {k: f.get(k) for k in ("rule", "severity", "fixable", "fix") + PLACE}
        entry["locations"] = [{k: l.get(k) for k in PLACE + (("message",) if messages else ())}
                              for l in f.get("locations", [])]
        if messages:
            entry["message"] = f.get("message")
        out.append(json.dumps(entry, sort_keys=True))
    return sorted(out)
for other in names[1:]:
    places = findings(names[0], False) == findings(other, False)
    words = findings(names[0], True) == findings(other, True)
    print(f"  findings of {other}: places and fixes {'the same as' if places else 'DIFFER from'} {names[0]}'s, "
          f"messages {'the same' if words else 'differ'} ({len(findings(names[0], False))} findings)")
    for messages in (False, True):
        if not (places if not messages else words):
            for line in sorted(set(findings(names[0], messages)) ^ set(findings(other, messages))):
                print("    ", line[:600])
PY
fi
