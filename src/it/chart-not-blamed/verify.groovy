// The production overlay sets router.replicas: 3, a key the stock chart never reads (it hard-codes replicas: 1).
// Provenance re-renders with router.replicas changed, sees the rendered Deployment/deis-router unchanged, and so does
// not blame that key: single-router fires on the render at the template line and says no values key controls the
// field. Nothing points at the router.replicas line (values/prod.yaml:21), and workflow:fix does not touch it.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def findings = { List<String> run ->
    run.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
        [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
    }
}
String router = 'charts/workflow/charts/router/templates/router-deployment.yaml'
assert new File(basedir, 'values/prod.yaml').readLines()[20] == '  replicas: 3'
assert new File(basedir, router).readLines()[12] == '  replicas: 1'

// ---- 1: check
List<Map> checked = findings(runs[0])
assert checked.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == ["${router}:13:3 error single-router".toString()]
assert checked[0].message.startsWith('Deployment/deis-router has spec.replicas: 1 and no HorizontalPodAutoscaler with '
        + 'minReplicas >= 2 targets it: ')
assert checked[0].message.endsWith("(rendered from ${router}, where no values key controls this field)")
assert !runs[0].any { it.contains('values/prod.yaml:21') || it.contains('set by router.replicas') }
assert runs[0].contains('[ERROR] workflow-guard: 1 error, 0 warnings, 0 info in 2 files and chart charts/workflow (19 files) '
        + 'checked (Workflow 2.19.4).')
assert runs[0].contains('[INFO] BUILD FAILURE')

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.size() == 1
def single = report.findings[0]
assert [single.rule, single.file, single.line, single.column] == ['single-router', router, 13, 3]
assert single.valuesPath == null
assert single.object == 'Deployment/deis-router'
assert single.locations.size() == 1 && single.locations[0].valuesPath == null
assert single.fixable == false
assert report.summary == [error: 1, warning: 0, info: 0, files: 21, chartFiles: 19, fixable: 0, failed: true,
                          suppressed: 0, baselined: 0]

// ---- 2: fix, dry run
assert runs[1].contains('[INFO] workflow-guard fix (dry run): nothing to fix; nothing was written. Patch: '
        + 'target/workflow/fix.patch (empty).')
assert findings(runs[1]).collect { "${it.at} ${it.rule}".toString() } == ["${router}:13:3 single-router".toString()]
assert !runs[1].any { it.contains('router.replicas') }
assert runs[1].contains('[INFO] BUILD SUCCESS')
assert new File(basedir, 'target/workflow/fix.patch').text.isEmpty()
// The render and its probes are kept for the next build, readable by the user only.
File[] kept = new File(basedir, 'target/workflow/render-cache').listFiles()
assert kept != null && kept.size() >= 2 && kept.every { it.name.endsWith('.yaml') }
// Compared as a set: the set Files.getPosixFilePermissions returns has no fixed order.
assert kept.every { java.nio.file.Files.getPosixFilePermissions(it.toPath()) == java.nio.file.attribute.PosixFilePermissions.fromString('rw-------') }
// No message says the same parenthesised clause twice.
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).assertNoClauseTwice((findings(runs[0]) + findings(runs[1]))*.message)
return true
