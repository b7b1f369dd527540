// Only <chart> is configured: no values files, no manifests. Every finding is located in a file of the project, where
// the chart sets what caused it: the chart's own values.yaml line of the key (or of its nearest parent, for a key the
// chart leaves unset), else the template line that renders the object. Never the in-memory render (`helm template …`),
// in the log, report.json, SARIF, JUnit or HTML. The router binds three host ports, all caused by one chart default:
// one place, naming the router once. The summary counts the chart's files.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
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

String chart = 'charts/workflow'
String router = "${chart}/charts/router/templates/router-deployment.yaml"
String controller = "${chart}/charts/controller/templates/controller-deployment.yaml"
String grafana = "${chart}/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml"
List<String> expected = [
    "${controller}:4:3 warning rbac-disabled",                              // no RBAC objects in a 2.11 chart
    "${chart}/charts/controller/values.yaml:8:20 error open-registration",  // registration_mode: "enabled"
    "${grafana}:21:11 error grafana-signup",                                //   env: (no ALLOW_SIGN_UP before 2.14)
    "${router}:13:3 error single-router",                                   //   replicas: 1 (hard-coded)
    "${chart}/values.yaml:3:12 error minio-storage",                        //   storage: minio
    "${chart}/values.yaml:31:15 error grafana-default-admin",               //     password: "admin"
    "${chart}/values.yaml:35:3 info no-ip-whitelist",                       //   deployment_annotations:
    "${chart}/values.yaml:35:3 warning tls-legacy-protocols",
    "${chart}/values.yaml:35:3 warning tls-not-enforced",
    "${chart}/values.yaml:38:3 error tls-missing",                          //   service_annotations:
    "${chart}/values.yaml:42:14 warning router-host-port",                  //     enabled: true
]*.toString()
assert logged.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == expected
List<String> chartValues = new File(basedir, "${chart}/values.yaml").readLines()
assert chartValues[2] == '  storage: minio'
assert chartValues[34] == '  deployment_annotations:'
assert chartValues[37] == '  service_annotations:'
assert chartValues[41] == '    enabled: true' && chartValues[40] == '  host_port:'
assert new File(basedir, router).readLines()[12] == '  replicas: 1'
assert new File(basedir, controller).readLines()[3] == '  name: deis-controller'
assert new File(basedir, grafana).readLines()[20] == '          env:'

// Before 2.14 the chart sets no ALLOW_SIGN_UP and the Grafana image opens sign-ups; no values key closes them.
assert message("${grafana}:21:11", 'grafana-signup') == ('Deployment/deis-monitor-grafana sets no ALLOW_SIGN_UP, and '
        + 'the Grafana image of Deis Workflow v2.11.0 then defaults it to "true" (allow_sign_up = {{ default "true" '
        + '.ALLOW_SIGN_UP }} in its grafana.ini): anyone who reaches Grafana can create an account and read the '
        + 'cluster\'s dashboards; Workflow 2.11.0 has no values key for it: run `kubectl --namespace=deis set env '
        + 'deployment/deis-monitor-grafana ALLOW_SIGN_UP=false` after every install and upgrade, since the next helm '
        + "upgrade undoes it, or upgrade to Workflow 2.14 or later (rendered from ${grafana}, where no values key "
        + 'controls this field)')

// The keys the chart leaves unset are named, and the parent the finding sits on is theirs.
assert message("${chart}/values.yaml:38:3", 'tls-missing').endsWith("(rendered from ${chart}/charts/router/templates/"
        + 'router-service.yaml; router.service_annotations."service.beta.kubernetes.io/aws-load-balancer-ssl-cert" is '
        + "set nowhere, so the template's own default applies)")
assert message("${chart}/values.yaml:35:3", 'tls-not-enforced').endsWith("(rendered from ${router}; "
        + 'router.deployment_annotations."router.deis.io/nginx.ssl.enforce" is set nowhere, so the template\'s own '
        + 'default applies)')
// No values key renders RBAC objects in this chart: the template of the first deis-* workload, saying so.
assert message("${controller}:4:3", 'rbac-disabled').endsWith("(rendered from ${controller}, where no values key "
        + 'controls this field)')
// Three host ports (80, 443, 2222), one cause: one place, one clause naming where it comes from.
assert message("${chart}/values.yaml:42:14", 'router-host-port') == ('Deployment/deis-router binds hostPort 80: host '
        + 'ports are meant for minikube; on real nodes they bypass the load balancer, pin one router per node and open '
        + "the node's own ports; set router.host_port.enabled: false (rendered from ${router}; router.host_port.enabled "
        + "is not set in the values files: chart default in ${chart}/values.yaml:42)").toString()
assert new File(basedir, router).text.count('hostPort:') == 3

// No message says the same parenthesised clause twice.
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).assertNoClauseTwice(logged*.message)

// The summary counts what was read: the chart's 18 files, never "0 files".
assert lines.contains('[ERROR] workflow-guard: 6 errors, 4 warnings, 1 info in chart charts/workflow (18 files) checked '
        + '(Workflow 2.11.0).')
assert new File(basedir, chart).listFiles().size() > 0
int chartFiles = 0
new File(basedir, chart).eachFileRecurse(groovy.io.FileType.FILES) { chartFiles++ }
assert chartFiles == 18
assert !lines.any { it.contains(' 0 files') || it.contains('helm template') || it.contains('.workflow-guard-render') }

// The reports name the same files, each a file of the project.
File reports = new File(basedir, 'target/workflow')
def report = new JsonSlurper().parse(new File(reports, 'report.json'))
assert report.summary == [error: 6, warning: 4, info: 1, files: 18, chartFiles: 18, fixable: 0, failed: true,
                          suppressed: 0, baselined: 0]
assert report.findings.collectMany { f -> f.locations.collect { "${it.file}:${it.line}:${it.column} ${f.severity} ${f.rule}".toString() } } == expected
report.findings.each { f -> f.locations.each { assert new File(basedir, it.file).isFile() : it.file } }
assert report.findings.every { it.fixable == false }   // no values file to write a correction to

// SARIF: URIs relative to the repository root (the enclosing git work tree), each an existing file.
File root = basedir.canonicalFile
while (root != null && !new File(root, '.git').exists()) {
    root = root.parentFile
}
root = root ?: basedir.canonicalFile
def sarif = new JsonSlurper().parse(new File(reports, 'report.sarif'))
List<String> uris = sarif.runs[0].results.collectMany { r ->
    (r.locations + (r.relatedLocations ?: []))*.physicalLocation*.artifactLocation*.uri }
assert uris.size() == expected.size()
uris.each { assert new File(root, URLDecoder.decode(it, 'UTF-8')).isFile() : it }
assert !new File(reports, 'report.sarif').text.contains('helm%20template')

// JUnit: one case per rule and file, every file one of the project's.
def junit = new XmlSlurper().parse(new File(reports, 'TEST-workflow-guard.xml'))
Set<String> classes = junit.'**'.findAll { it.name() == 'testcase' }*.@classname*.text() as Set
assert classes == expected.collect { it.substring(0, it.indexOf(':')) } as Set
classes.each { assert new File(basedir, it).isFile() : it }

// HTML: the summary says what was read; no pseudo-file.
String html = new File(reports, 'report.html').getText('UTF-8')
assert html.contains('chart charts/workflow (18 files) checked')
assert !html.contains('helm template') && !html.contains('.workflow-guard-render')
return true
