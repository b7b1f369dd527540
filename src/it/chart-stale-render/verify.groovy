// The chart rendered with Helm from the values, next to a committed render (GitOps) of the same chart that was not
// re-rendered after controller.registration_mode changed: stale-render at the committed REGISTRATION_MODE line,
// naming the committed and the fresh value. Every other committed object matches the fresh render in the fields the
// rules read (a deploy-time placeholder for the Grafana password is not such a field), so nothing else is reported;
// the committed HorizontalPodAutoscaler, which the chart does not render, still counts for single-router.
import groovy.json.JsonSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
List<Map> logged = lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
    [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
}

assert lines.any { it ==~ /^\[INFO\] workflow-guard: rendered charts\/workflow \(Workflow 2\.19\.4\) with Helm: 6 objects checked in \d+ ms$/ }
assert logged.size() == 1
assert logged[0].at == 'rendered/workflow.yaml:85:22'
assert logged[0].severity == 'error' && logged[0].rule == 'stale-render'
assert logged[0].message == 'Deployment/deis-controller env REGISTRATION_MODE is "enabled" in the committed render but ' +
        '"admin_only" in a fresh render of the chart with these values: the committed render is out of date; render it ' +
        'again from these values (helm template) and commit the result'
// Line 85 column 22 is the committed value; the values say admin_only.
assert new File(basedir, 'rendered/workflow.yaml').readLines()[84] == '              value: "enabled"'
assert new File(basedir, 'values/prod.yaml').readLines().contains('  registration_mode: "admin_only"')

assert lines.contains('[ERROR] workflow-guard: 1 error, 0 warnings, 0 info in 4 files and chart charts/workflow (19 files) '
        + 'checked (Workflow 2.19.4).')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') &&
        it.contains(':check (default) on project chart-stale-render: workflow-guard: 1 finding at or above error: ' +
        'stale-render (1). See the lines above and target/workflow/report.json.') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.size() == 1
def stale = report.findings[0]
assert [stale.rule, stale.file, stale.line, stale.column] == ['stale-render', 'rendered/workflow.yaml', 85, 22]
assert stale.object == 'Deployment/deis-controller'
assert stale.fixable == false
assert report.summary == [error: 1, warning: 0, info: 0, files: 23, chartFiles: 19, fixable: 0, failed: true,
                          suppressed: 0, baselined: 0]
// No message says the same parenthesised clause twice.
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).assertNoClauseTwice(logged*.message)
return true
