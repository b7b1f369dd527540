// failOnSeverity / workflow.failOn over the same three findings (one error, one warning, one info):
// an unknown word is a configuration error, `warning` fails on the error and the warning, `none` passes.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def findings = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }
            .collect { "${it.group(1)} ${it.group(2)} ${it.group(3)} ${it.group(5)}".toString() }
}
List<String> expected = [
    'ERROR values/base.yaml:69:15 error grafana-default-admin',     // password: "admin" in base.yaml
    'INFO values/prod.yaml:17:3 info no-ip-whitelist',
    'WARNING values/prod.yaml:17:3 warning tls-legacy-protocols',
]
String counts = 'workflow-guard: 1 error, 1 warning, 1 info in 3 files checked (Workflow 2.19.0). ' +
        '1 finding can be corrected in the values files with `mvn workflow:fix`.'

// 1: -Dworkflow.failOn=fatal
assert findings(runs[0]) == []
assert runs[0].contains('[INFO] BUILD FAILURE')
assert runs[0].any { it.contains(':check (default) on project fail-on: failOnSeverity / workflow.failOn: ' +
        "'fatal' is not a severity; use one of error, warning, info, or none") }

// 2: -Dworkflow.failOn=warning
assert findings(runs[1]) == expected
assert runs[1].contains('[ERROR] ' + counts)
assert runs[1].contains('[INFO] BUILD FAILURE')
assert runs[1].any { it.contains(':check (default) on project fail-on: workflow-guard: 2 findings at or above warning: ' +
        'grafana-default-admin (1), tls-legacy-protocols (1). ') }

// 3: -Dworkflow.failOn=none: the same findings are logged, the summary is not an error, the build passes.
assert findings(runs[2]) == expected
assert runs[2].contains('[INFO] ' + counts)
assert runs[2].contains('[INFO] BUILD SUCCESS')
assert !runs[2].any { it.contains('Failed to execute goal') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))   // from run 3
assert report.failOnSeverity == 'none'
assert report.findings*.rule == ['grafana-default-admin', 'no-ip-whitelist', 'tls-legacy-protocols']
assert report.summary == [error: 1, warning: 1, info: 1, files: 3, fixable: 1, failed: false, suppressed: 0, baselined: 0]
return true
