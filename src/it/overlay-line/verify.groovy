// base.yaml says admin_only (line 48), prod.yaml overrides it with enabled (line 13): the finding names prod.yaml:13.
// monitor.grafana.allow_sign_up is set in no file: the finding names the last values file, where the key belongs,
// and says which chart default applies. A value only base.yaml sets (use_rbac) is still reported at base.yaml.
import groovy.json.JsonSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
List<Map> logged = lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
    [level: it.group(1), at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
}
logged.each { assert it.level == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.severity] : "wrong log level: $it" }
def message = { String at, String rule -> logged.find { it.at == at && it.rule == rule }?.message }

List<String> expected = [
    'values/base.yaml:25:13 warning rbac-disabled',    // base:   use_rbac: false (the overlay does not set it)
    'values/prod.yaml:13:22 error open-registration',  // prod:   registration_mode: enabled
    'values/prod.yaml:16:3 error grafana-signup',      // prod:   grafana:  (allow_sign_up set nowhere)
]
assert logged.collect { "${it.at} ${it.severity} ${it.rule}".toString() } == expected
assert !logged.any { it.at.startsWith('values/base.yaml:48:') } : 'the overridden base value must not be blamed'

assert message('values/prod.yaml:13:22', 'open-registration').startsWith('controller.registration_mode is "enabled": ')
assert message('values/prod.yaml:16:3', 'grafana-signup')
        .startsWith('monitor.grafana.allow_sign_up is not set; chart default for Workflow 2.19.0 is "true": ')

assert lines.contains('[ERROR] workflow-guard: 2 errors, 1 warning, 0 info in 3 files checked (Workflow 2.19.0). '
        + '3 findings can be corrected in the values files with `mvn workflow:fix`.')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.startsWith('[ERROR] Failed to execute goal ') && it.contains('on project overlay-line: '
        + 'workflow-guard: 2 findings at or above error: open-registration (1), grafana-signup (1). ') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == expected
def byRule = report.findings.collectEntries { [it.rule, it] }
assert byRule['open-registration'].valuesPath == 'controller.registration_mode'
assert byRule['open-registration'].fix == [valuesPath: 'controller.registration_mode', value: 'admin_only', file: 'values/prod.yaml']
assert byRule['grafana-signup'].valuesPath == 'monitor.grafana.allow_sign_up'
assert byRule['grafana-signup'].fixable == true
assert byRule['grafana-signup'].fix.value == 'false'
assert byRule['rbac-disabled'].fix.file == 'values/base.yaml'
assert report.summary == [error: 2, warning: 1, info: 0, files: 3, fixable: 3, failed: true, suppressed: 0, baselined: 0]
return true
