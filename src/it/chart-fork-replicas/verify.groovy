// A fork of the Workflow chart whose router template renders spec.replicas from router.replicas (the router subchart's
// values.yaml sets it to 1), with a production overlay that leaves it there. A re-render with the key changed proves
// that the chart reads it, so single-router is reported where the fix belongs (the overlay's `router:` key), names the
// key and is fixable; workflow:fix adds `replicas: 2` under router, and the next check passes.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<String> lines = text.readLines()
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def findings = { List<String> run ->
    run.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
        [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
    }
}
String router = 'charts/workflow/charts/router/templates/router-deployment.yaml'
String routerValues = 'charts/workflow/charts/router/values.yaml'
assert new File(basedir, router).readLines()[12] == '  replicas: {{ .Values.replicas }}'
assert new File(basedir, routerValues).readLines()[5] == 'replicas: 1'
assert new File(basedir, 'original/prod.yaml').readLines()[20] == 'router:'

// ---- 1: check
List<Map> checked = findings(runs[0])
assert checked.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == ['values/prod.yaml:21:1 error single-router']
assert checked[0].message == ('router.replicas is not set; chart default in ' + routerValues + ':6 is "1": if the only '
        + 'router pod goes, the Workflow API and every app become unreachable; set it to 2 or more (the chart renders the '
        + "router's spec.replicas from it) (rendered into Deployment/deis-router by " + router + ')')
assert !runs[0].any { it.contains('hard-coded') || it.contains('kubectl') }
assert runs[0].contains('[ERROR] workflow-guard: 1 error, 0 warnings, 0 info in 1 file and chart charts/workflow (19 files) '
        + 'checked (Workflow 2.19.4). 1 finding can be corrected in the values files with `mvn workflow:fix`.')
assert runs[0].contains('[INFO] BUILD FAILURE')

// ---- 2: fix
List<String> fix = runs[1]
int start = fix.findIndexOf { it ==~ /^\[INFO\] --- workflow:.*:fix \(default-cli\) @ chart-fork-replicas ---$/ }
assert start >= 0
assert fix.subList(start + 1, fix.findIndexOf { it.contains('workflow-guard fix:') }) ==
        ['[INFO] values/prod.yaml: router.replicas set to 2 [single-router]']
assert fix.contains('[INFO] workflow-guard fix: changed 1 file (1 value).')
assert fix.contains('[INFO] workflow-guard: nothing remains; `mvn workflow:check` passes.')
assert fix.contains('[INFO] BUILD SUCCESS')
List<String> before = new File(basedir, 'original/prod.yaml').readLines()
List<String> after = new File(basedir, 'values/prod.yaml').readLines()
assert after == before + ['  replicas: 2']

// ---- 3: check again: two routers rendered, nothing reported.
assert findings(runs[2]).isEmpty()
assert runs[2].contains('[INFO] workflow-guard: no findings in 1 file and chart charts/workflow (19 files) checked '
        + '(Workflow 2.19.4).')
assert runs[2].contains('[INFO] BUILD SUCCESS')
// report.json is the last check's (run 1's was replaced): the chart's files are counted with the overlay.
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings == []
assert report.summary == [error: 0, warning: 0, info: 0, files: 20, chartFiles: 19, fixable: 0, failed: false,
                          suppressed: 0, baselined: 0]

// The Grafana password given with --set is never printed.
assert !lines.any { it.contains('Vn4-from-CI') }
// No message says the same parenthesised clause twice.
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).assertNoClauseTwice((findings(runs[0]) + findings(runs[2]))*.message)
return true
