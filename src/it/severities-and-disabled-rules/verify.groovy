// <severities> lowers tls-missing to warning and raises no-ip-whitelist to error; <disabledRules> turns single-router
// off. The build fails on the raised rule only.
import groovy.json.JsonSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
List<Map> logged = lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
    [level: it.group(1), at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
}

assert logged.collect { "${it.level} ${it.at} ${it.severity} ${it.rule}".toString() } == [
    'WARNING values/prod.yaml:17:1 warning tls-missing',     // default error; no certificate anywhere: the last file's router:
    'ERROR values/prod.yaml:18:3 error no-ip-whitelist',     // default info; prod.yaml's deployment_annotations
]
assert !lines.any { it.contains('single-router') }
assert lines.contains('[ERROR] workflow-guard: 1 error, 1 warning, 0 info in 2 files checked (Workflow 2.19.0).')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.contains(':check (default) on project severities-and-disabled-rules: workflow-guard: ' +
        '1 finding at or above error: no-ip-whitelist (1). ') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == [
    'values/prod.yaml:17:1 warning tls-missing',
    'values/prod.yaml:18:3 error no-ip-whitelist',
]
assert report.summary == [error: 1, warning: 1, info: 0, files: 2, fixable: 0, suppressed: 0, baselined: 0, failed: true]
return true
