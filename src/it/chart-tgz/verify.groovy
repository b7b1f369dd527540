// The chart packaged as workflow-v2.19.4.tgz (prebuild.groovy): rendered in-process like the folder, its Chart.yaml
// version read from inside the archive, chart defaults named as `workflow-v2.19.4.tgz!/workflow/<file>:<line>` and
// reported in the values file where the fix goes, values set in the values file located at their lines, a hard-coded
// field at the archive (its template inside named in the message), and nothing pointing at the temporary unpacked copy.
import groovy.json.JsonSlurper

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

String tgz = 'workflow-v2.19.4.tgz!/workflow'
assert lines.any { it ==~ /^\[INFO\] workflow-guard: rendered workflow-v2\.19\.4\.tgz!\/workflow \(Workflow 2\.19\.4\) with Helm: 7 objects checked in \d+ ms$/ }

List<String> expected = [
    'values/values.yaml:1:1 error grafana-default-admin',               // set nowhere: where a fix would write it
    'values/values.yaml:1:1 error grafana-signup',
    'values/values.yaml:2:1 error minio-storage',                       // global:  (storage not set)
    'values/values.yaml:6:22 error open-registration',                  //   registration_mode: enabled
    'values/values.yaml:8:1 error single-router',                       // router:
    'workflow-v2.19.4.tgz:1:1 error single-router',                    // replicas: 1, in a template of the archive
    'values/values.yaml:8:1 error tls-missing',
    'values/values.yaml:9:3 info no-ip-whitelist',                      //   deployment_annotations:
]*.toString()
assert logged.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == expected

// Chart defaults: the values-side message names the archive's values.yaml line; the rendered objects they produce are
// the same place, where the fix goes.
assert message('values/values.yaml:2:1', 'minio-storage').startsWith(
        "global.storage is not set; chart default in ${tgz}/values.yaml:3 is \"minio\": ")
assert message('values/values.yaml:2:1', 'minio-storage').endsWith("(rendered into Deployment/deis-minio by "
        + "${tgz}/charts/minio/templates/minio-deployment.yaml) (rendered into Secret/objectstorage-keyfile by "
        + "${tgz}/templates/objectstorage-secret.yaml)")
assert message('values/values.yaml:1:1', 'grafana-default-admin').startsWith('monitor.grafana.password is not set; '
        + "chart default in ${tgz}/values.yaml:33 is \"admin\": ")
assert message('values/values.yaml:1:1', 'grafana-default-admin').endsWith('(rendered into '
        + "Deployment/deis-monitor-grafana by ${tgz}/charts/monitor/charts/grafana/templates/monitor-grafana-deployment.yaml)")
// A value the values file sets: the rendered controller's REGISTRATION_MODE is traced back to it.
assert message('values/values.yaml:6:22', 'open-registration').endsWith("(rendered into Deployment/deis-controller by "
        + "${tgz}/charts/controller/templates/controller-deployment.yaml)")
// A field only a template inside the archive sets: located at the archive, the file of the project that holds it, the
// message saying where inside.
assert message('workflow-v2.19.4.tgz:1:1', 'single-router').endsWith(
        "(rendered from ${tgz}/charts/router/templates/router-deployment.yaml, where no values key controls this field) "
        + "(in the archive at ${tgz}/charts/router/templates/router-deployment.yaml:13:3)")

// The archive is unpacked to a temporary folder that no message shows (the project itself may live under
// the temporary folder, as a fresh clone in /tmp does: its own paths are left out of the comparison).
def tmp = new File(System.getProperty('java.io.tmpdir')).canonicalPath
assert !lines.any { line -> line.contains('workflow-guard-chart-')
        || line.replace(basedir.canonicalPath, '').replace(basedir.path, '').contains(tmp) }
assert !new File(basedir, 'workflow').exists() && !new File(basedir, 'charts').exists()

assert lines.contains('[ERROR] workflow-guard: 6 errors, 0 warnings, 1 info in 1 file and chart workflow-v2.19.4.tgz '
        + '(19 files) checked (Workflow 2.19.4). 2 findings can be corrected in the values files with `mvn workflow:fix`.')
assert lines.contains('[INFO] BUILD FAILURE')

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.workflowVersion == '2.19.4'
assert report.findings.collectMany { f -> f.locations.collect { "${it.file}:${it.line}:${it.column} ${f.severity} ${f.rule}".toString() } } == expected
assert report.summary == [error: 6, warning: 0, info: 1, files: 20, chartFiles: 19, fixable: 2, failed: true,
                          suppressed: 0, baselined: 0]
// Every place is a file of the project.
report.findings.each { f -> f.locations.each { assert new File(basedir, it.file).isFile() : it.file } }

// No message says the same parenthesised clause twice.
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).assertNoClauseTwice(logged*.message)
return true
