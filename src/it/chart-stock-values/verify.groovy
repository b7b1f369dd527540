// The chart rendered with Helm from the values Workflow 2.19 ships with. Every finding the render shows is
// located where it was caused: at the values line that set the key (confirmed by re-rendering with that key
// changed), in the values file where the fix goes when the chart default applies (the message names the chart's own
// values.yaml line), and, for the router's hard-coded `replicas: 1`, at its template line with the remark that no
// values key controls it. Each values line names each object rendered from it once.
import groovy.json.JsonSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

// Finding lines, as compilers print them: [LEVEL] <file>:<line>:<col>: <severity>: <message> [<rule-id>]
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
List<Map> logged = lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
    assert it.group(1) == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.group(3)]
    [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
}
def message = { String at, String rule ->
    List<Map> found = logged.findAll { it.at == at && it.rule == rule }
    assert found.size() == 1 : "expected one $rule finding at $at, got $found"
    found[0].message
}

String router = 'charts/workflow/charts/router/templates/router-deployment.yaml'
String grafanaDefaults = 'charts/workflow/charts/monitor/charts/grafana/values.yaml'
// One line per place: findings in file:line:col order of their first place (same place: by rule id), each followed by
// its other places. The rendered objects add one place that is not a values line: the template line of the hard-coded
// router replica count. Nothing points at the in-memory render itself.
List<String> expected = [
    'values/values.yaml:11:12 error minio-storage',            //   storage: minio
    'values/values.yaml:25:13 warning rbac-disabled',          //   use_rbac: false
    'values/values.yaml:67:3 error grafana-signup',            //   grafana:  (allow_sign_up not set here)
    'values/values.yaml:69:15 error grafana-default-admin',    //     password: "admin"
    'values/values.yaml:77:1 error single-router',             // router:
    "${router}:13:3 error single-router",                      //   replicas: 1 (hard-coded)
    'values/values.yaml:81:3 info no-ip-whitelist',            //   deployment_annotations:  (empty)
    'values/values.yaml:81:3 warning tls-legacy-protocols',
    'values/values.yaml:81:3 warning tls-not-enforced',
    'values/values.yaml:86:3 error tls-missing',               //   service_annotations:  (empty)
]*.toString()
assert logged.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == expected

// The render: Helm, in-process, of the configured chart; Chart.yaml's version is the Workflow version.
assert lines.any { it ==~ /^\[INFO\] workflow-guard: rendered charts\/workflow \(Workflow 2\.19\.4\) with Helm: 6 objects checked in \d+ ms$/ }

// The values lines say which rendered object they produced, and by which template.
assert message('values/values.yaml:11:12', 'minio-storage').endsWith(
        '(rendered into Deployment/deis-minio by charts/workflow/charts/minio/templates/minio-deployment.yaml) '
        + '(rendered into Secret/objectstorage-keyfile by charts/workflow/templates/objectstorage-secret.yaml)')
assert message('values/values.yaml:69:15', 'grafana-default-admin').endsWith('(rendered into '
        + 'Deployment/deis-monitor-grafana by charts/workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml)')
// The router annotations come from router.deployment_annotations, which the stock values leave empty (null):
// confirmed by a probe render, so the rendered Deployment's findings land on that values line, not on the template.
['no-ip-whitelist', 'tls-legacy-protocols', 'tls-not-enforced'].each {
    assert message('values/values.yaml:81:3', it).endsWith(
            "(rendered into Deployment/deis-router by ${router})".toString())
}
assert message('values/values.yaml:86:3', 'tls-missing').endsWith(
        '(rendered into Service/deis-router by charts/workflow/charts/router/templates/router-service.yaml)')

// With a chart, the chart's own values.yaml gives the defaults, with file and line; the rendered Grafana, whose
// ALLOW_SIGN_UP comes from that default, is the same place: under monitor.grafana, where workflow:fix adds the key.
assert message('values/values.yaml:67:3', 'grafana-signup') == ('monitor.grafana.allow_sign_up is not set; chart '
        + "default in ${grafanaDefaults}:5 is \"true\": anyone who reaches Grafana can create an account and read the "
        + 'cluster\'s dashboards; set it to "false" (rendered into Deployment/deis-monitor-grafana by '
        + 'charts/workflow/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml)').toString()

// The rendered deis-router has spec.replicas: 1, written by the template itself: no values key controls it, so the
// finding stays at the template line and gives the remedy.
String replicas = message("${router}:13:3", 'single-router')
assert replicas.startsWith('Deployment/deis-router has spec.replicas: 1 and no HorizontalPodAutoscaler with '
        + 'minReplicas >= 2 targets it: ')
assert replicas.contains('`kubectl --namespace=deis scale --replicas=2 deployment/deis-router`')
assert replicas.endsWith("(rendered from ${router}, where no values key controls this field)")
assert new File(basedir, router).readLines()[12] == '  replicas: 1'
assert new File(basedir, grafanaDefaults).readLines()[4] == 'allow_sign_up: "true"'

// Nothing points at the render Helm produced in memory, at a template for a field values control, or at a line
// that does not exist.
assert !lines.any { it.contains('helm template') || it.contains('.workflow-guard-render') }
assert logged.findAll { it.at.startsWith('charts/') }*.rule == ['single-router']

// No message says the same parenthesised clause twice.
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).assertNoClauseTwice(logged*.message)

// The values file and the chart's 19 files were read.
assert lines.contains('[ERROR] workflow-guard: 5 errors, 3 warnings, 1 info in 1 file and chart charts/workflow '
        + '(19 files) checked (Workflow 2.19.4). 4 findings can be corrected in the values files with `mvn workflow:fix`.')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') &&
        it.contains(':check (default) on project chart-stock-values: workflow-guard: 5 findings at or above error: '
        + 'minio-storage (1), grafana-signup (1), grafana-default-admin (1), single-router (1), tls-missing (1). '
        + 'See the lines above and target/workflow/report.json.') }

// report.json: one finding per cause, with every place it shows (values line first).
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.workflowVersion == '2.19.4'
assert report.summary == [error: 5, warning: 3, info: 1, files: 20, chartFiles: 19, fixable: 4, failed: true,
                          suppressed: 0, baselined: 0]
def byRule = report.findings.collectEntries { [it.rule, it] }
assert report.findings.size() == 9 && byRule.size() == 9
assert report.findings.every { it.file == 'values/values.yaml' }
assert byRule['grafana-signup'].locations.collect { "${it.file}:${it.line}:${it.column}".toString() } ==
        ['values/values.yaml:67:3']
assert byRule['grafana-signup'].locations*.valuesPath == ['monitor.grafana.allow_sign_up']
assert byRule['grafana-signup'].locations*.object == ['Deployment/deis-monitor-grafana']   // what the line renders into
report.findings.each { f -> f.locations.each { assert new File(basedir, it.file).isFile() : it.file } }
assert byRule['single-router'].locations.collect { "${it.file}:${it.line}:${it.column}".toString() } ==
        ['values/values.yaml:77:1', "${router}:13:3".toString()]
assert byRule['single-router'].locations[1].valuesPath == null   // no values key is blamed
assert byRule['single-router'].locations[1].object == 'Deployment/deis-router'
assert byRule['single-router'].fixable == false
assert byRule['tls-not-enforced'].valuesPath == 'router.deployment_annotations."router.deis.io/nginx.ssl.enforce"'
assert byRule['tls-not-enforced'].locations.size() == 1
assert byRule['minio-storage'].locations.size() == 1
return true
