// A project that does not configure workflow-guard, checked from the command line with comma-separated list
// properties: -Dworkflow.values=a.yaml,b.yaml (Helm order: b.yaml wins), -Dworkflow.disabledRules=x,y and
// -Dworkflow.externalCertificate.
import groovy.json.JsonSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
List<Map> logged = lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
    assert it.group(1) == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.group(3)]
    [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
}

assert lines.any { it ==~ /^\[INFO\] --- workflow:.*:check \(default-cli\) @ command-line-values ---$/ }
List<String> expected = [
    'a.yaml:25:13 warning rbac-disabled',          // only a.yaml sets use_rbac
    'a.yaml:69:15 error grafana-default-admin',    // only a.yaml sets the password
    'b.yaml:1:1 error grafana-signup',             // set in no file: the last values file (it has no monitor: key)
    'b.yaml:1:1 error single-router',              // stock chart: reported in the last values file
    'b.yaml:1:1 warning tls-not-enforced',         // a.yaml's annotation map is empty: set nowhere, so the last file
    'b.yaml:11:22 error open-registration',        // b.yaml overrides a.yaml's admin_only
]
assert logged.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == expected
// Both files were read, in order: b.yaml's `storage: s3` overrides a.yaml's minio.
assert !logged.any { it.rule == 'minio-storage' }
// -Dworkflow.disabledRules=no-ip-whitelist,tls-legacy-protocols: both ids taken from the comma-separated value.
assert !logged.any { it.rule in ['no-ip-whitelist', 'tls-legacy-protocols'] }
// -Dworkflow.externalCertificate satisfies tls-missing.
assert !logged.any { it.rule == 'tls-missing' }
assert logged.find { it.rule == 'grafana-signup' }.message.startsWith(
        'monitor.grafana.allow_sign_up is not set; chart default for Workflow 2.19.0 is "true": ')

assert lines.contains('[ERROR] workflow-guard: 4 errors, 2 warnings, 0 info in 2 files checked (Workflow 2.19.0). ' +
        '4 findings can be corrected in the values files with `mvn workflow:fix`.')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.contains(':check (default-cli) on project command-line-values: workflow-guard: 4 findings at or above ' +
        'error: grafana-default-admin (1), grafana-signup (1), single-router (1), open-registration (1). ') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == expected
assert report.summary == [error: 4, warning: 2, info: 0, files: 2, fixable: 4, suppressed: 0, baselined: 0, failed: true]
return true
