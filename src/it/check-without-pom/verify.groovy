// No pom.xml: `mvn dev.workflowguard:workflow-maven-plugin:<version>:check -Dworkflow.values=values.yaml` in a plain
// folder (check has requiresProject=false). Paths are relative to the folder; the report goes to ./target/workflow.
import groovy.json.JsonSlurper

assert !new File(basedir, 'pom.xml').exists()
List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
assert lines.contains('[INFO] Building Maven Stub Project (No POM) 1')
assert lines.any { it ==~ /^\[INFO\] --- workflow:.*:check \(default-cli\) @ standalone-pom ---$/ }

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
List<String> logged = lines.collect { findingLine.matcher(it) }.findAll { it.matches() }
        .collect { "${it.group(2)} ${it.group(3)} ${it.group(5)}".toString() }
List<String> expected = [
    'values.yaml:11:12 error minio-storage',
    'values.yaml:25:13 warning rbac-disabled',
    'values.yaml:67:3 error grafana-signup',
    'values.yaml:69:15 error grafana-default-admin',
    'values.yaml:77:1 error single-router',
    'values.yaml:81:3 info no-ip-whitelist',
    'values.yaml:81:3 warning tls-legacy-protocols',
    'values.yaml:81:3 warning tls-not-enforced',
    'values.yaml:86:3 error tls-missing',
]
assert logged == expected
assert lines.contains('[ERROR] workflow-guard: 5 errors, 3 warnings, 1 info in 1 file checked (Workflow 2.19.0). ' +
        '4 findings can be corrected in the values files with `mvn workflow:fix`.')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.contains(':check (default-cli) on project standalone-pom: workflow-guard: 5 findings at or above error: ' +
        'minio-storage (1), grafana-signup (1), grafana-default-admin (1), single-router (1), tls-missing (1). ' +
        'See the lines above and target/workflow/report.json.') }
// No "${project.basedir}" folder or similar left behind by the stub project (invoker itself adds an empty .mvn/).
assert basedir.list().findAll { !it.startsWith('.') }.sort() ==
        ['build.log', 'invoker.properties', 'target', 'values.yaml', 'verify.groovy']
assert new File(basedir, 'target').list() as List == ['workflow']

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == expected
assert report.summary == [error: 5, warning: 3, info: 1, files: 1, fixable: 4, suppressed: 0, baselined: 0, failed: true]
return true
