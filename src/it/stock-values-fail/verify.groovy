// Stock Workflow 2.11 values: each production recommendation's rule fires at the line that decides it.
import groovy.json.JsonSlurper

File buildLog = new File(basedir, 'build.log')
assert buildLog.isFile()
List<String> lines = buildLog.readLines('UTF-8')

// Finding lines, as compilers print them: [LEVEL] <file>:<line>:<col>: <severity>: <message> [<rule-id>]
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
List<Map> logged = lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
    [level: it.group(1), at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
}
logged.each { assert it.level == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.severity] : "wrong log level: $it" }
def message = { String at, String rule -> logged.find { it.at == at && it.rule == rule }?.message }

// Exactly these findings, in file:line:col order (same place: by rule id).
List<String> expected = [
    'values/values.yaml:11:12 error minio-storage',            //   storage: minio
    'values/values.yaml:25:13 warning rbac-disabled',          //   use_rbac: false (no such key before 2.15)
    'values/values.yaml:48:22 error open-registration',        //   registration_mode: "enabled"
    'values/values.yaml:67:3 error grafana-signup',            //   grafana:  (allow_sign_up cannot be set before 2.14)
    'values/values.yaml:69:15 error grafana-default-admin',    //     password: "admin"
    'values/values.yaml:77:1 error single-router',             // router:  (the stock chart hard-codes 1 replica)
    'values/values.yaml:81:3 info no-ip-whitelist',            //   deployment_annotations:
    'values/values.yaml:81:3 warning tls-legacy-protocols',
    'values/values.yaml:81:3 warning tls-not-enforced',
    'values/values.yaml:86:3 error tls-missing',               //   service_annotations:
]
assert logged.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == expected

assert message('values/values.yaml:11:12', 'minio-storage').startsWith('global.storage is "minio": Minio runs inside the cluster')
assert message('values/values.yaml:48:22', 'open-registration').startsWith('controller.registration_mode is "enabled": ')
assert message('values/values.yaml:67:3', 'grafana-signup').startsWith('Workflow 2.11.0 has no values key that closes Grafana sign-ups')
assert message('values/values.yaml:69:15', 'grafana-default-admin').startsWith('monitor.grafana.password is the chart default "admin"')
assert message('values/values.yaml:77:1', 'single-router').contains('kubectl --namespace=deis scale --replicas=2 deployment/deis-router')
assert message('values/values.yaml:86:3', 'tls-missing').startsWith('no TLS is configured: ')

assert lines.contains('[ERROR] workflow-guard: 6 errors, 3 warnings, 1 info in 1 file checked (Workflow 2.11.0). '
        + '3 findings can be corrected in the values files with `mvn workflow:fix`.')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') &&
        it.contains(':check (default) on project stock-values-fail: workflow-guard: 6 findings at or above error: '
        + 'minio-storage (1), open-registration (1), grafana-signup (1), grafana-default-admin (1), single-router (1), '
        + 'tls-missing (1). See the lines above and target/workflow/report.json.') }

// report.json carries the same findings with their values paths.
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.tool.name == 'workflow-guard'
assert report.workflowVersion == '2.11.0'
assert report.failOnSeverity == 'error'
assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == expected
report.findings.each { f ->
    assert f.message == message("${f.file}:${f.line}:${f.column}", f.rule)
    assert f.locations*.file == [f.file]
}
def byRule = report.findings.collectEntries { [it.rule, it] }
assert byRule['minio-storage'].valuesPath == 'global.storage'
assert byRule['minio-storage'].fixable == false   // only with -Dworkflow.fix.storage=<backend>
assert byRule['open-registration'].valuesPath == 'controller.registration_mode'
assert byRule['open-registration'].fixable == true
assert byRule['open-registration'].fix.value == 'admin_only'
assert byRule['grafana-signup'].valuesPath == 'monitor.grafana.allow_sign_up'
assert byRule['grafana-signup'].fixable == false  // no key to set before 2.14
assert byRule['grafana-default-admin'].valuesPath == 'monitor.grafana.password'
assert byRule['single-router'].fixable == false   // the stock chart has no replica key
// Workflow 2.11's chart has no global.use_rbac (it appears in 2.15): the fix may not write it; upgrading is the remedy.
assert byRule['rbac-disabled'].fixable == false
assert byRule['rbac-disabled'].message.startsWith('global.use_rbac has no effect on Workflow 2.11.0: ')
assert byRule['rbac-disabled'].message.endsWith('upgrade Workflow to 2.15.0 or later, whose chart renders them')
assert byRule['tls-not-enforced'].fixable == true
assert byRule['tls-missing'].valuesPath == 'router.service_annotations'
assert report.findings.every { it.object == null }
assert report.summary == [error: 6, warning: 3, info: 1, files: 1, fixable: 3, failed: true, suppressed: 0, baselined: 0]
return true
