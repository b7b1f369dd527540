// The chart rendered from a values file plus -Dworkflow.set (Helm --set syntax, applied after the files):
// - the open-registration finding the rendered deis-controller shows is traced to the --set pair that caused it
//   (`--set:<pair>:<column of the value>`), not to the values file that says admin_only;
// - the password given with --set replaces the chart's "admin" and is not reported as committed;
// - the list {team-a,team-b}, cut in two by Maven's comma split, is read back whole (no "not key=value" error);
// - keys set nowhere are still reported in the values file (where the fix writes them), not at --set;
// - workflow:fix corrects the values file and refuses the --set value, saying so, without claiming a failed edit.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<String> lines = text.readLines()
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def findings = { List<String> run ->
    run.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
        assert it.group(1) == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.group(3)]
        [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
    }
}
def places = { List<Map> found -> found.collect { "${it.at} ${it.severity} ${it.rule}".toString() } }
String router = 'charts/workflow/charts/router/templates/router-deployment.yaml'

// ---- 1: check
List<Map> checked = findings(runs[0])
assert places(checked) == [
    '--set:1:30 error open-registration',          // controller.registration_mode=enabled
    'values/values.yaml:11:12 error minio-storage',
    'values/values.yaml:25:13 warning rbac-disabled',
    'values/values.yaml:67:3 error grafana-signup',        // also where the rendered Grafana's ALLOW_SIGN_UP comes from
    'values/values.yaml:77:1 error single-router',
    "${router}:13:3 error single-router".toString(),
    'values/values.yaml:81:3 info no-ip-whitelist',
    'values/values.yaml:81:3 warning tls-legacy-protocols',
    'values/values.yaml:81:3 warning tls-not-enforced',
    'values/values.yaml:86:3 error tls-missing',
]
// The values file's own `registration_mode: "admin_only"` (line 48) is overridden by --set, so it is not blamed.
assert new File(basedir, 'original/values.yaml').readLines()[47] == '  registration_mode: "admin_only"'
assert checked[0].message == 'controller.registration_mode is "enabled": anyone who can reach the controller URL can ' +
        'register an account and deploy apps; use admin_only (or disabled once the admin has registered) (rendered ' +
        'into Deployment/deis-controller by charts/workflow/charts/controller/templates/controller-deployment.yaml)'
// The Grafana password came from --set: neither the chart's "admin" nor a committed secret is reported.
assert !checked.any { it.rule in ['grafana-default-admin', 'committed-secret'] }
assert !lines.any { it.contains('Zq7-from-CI') }
assert !lines.any { it.contains('not key=value') || it.contains('team-b}') || it.contains('unbalanced') }
// Fixable counts only what workflow:fix can write: not the --set value.
assert runs[0].contains('[ERROR] workflow-guard: 5 errors, 3 warnings, 1 info in 1 file and chart charts/workflow ' +
        '(19 files) checked (Workflow 2.19.4). 4 findings can be corrected in the values files with `mvn workflow:fix`.')
assert runs[0].contains('[INFO] BUILD FAILURE')

// ---- 2: fix
List<String> fix = runs[1]
int start = fix.findIndexOf { it ==~ /^\[INFO\] --- workflow:.*:fix \(default-cli\) @ chart-set-values ---$/ }
assert start >= 0
assert fix.subList(start + 1, fix.findIndexOf { it.contains('workflow-guard fix:') }) == [
    '[INFO] values/values.yaml: global.use_rbac set to true [rbac-disabled]',
    '[INFO] values/values.yaml: monitor.grafana.allow_sign_up set to "false" [grafana-signup]',
    '[INFO] values/values.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]',
    '[INFO] values/values.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.enforce" set to "true" [tls-not-enforced]',
    '[WARNING] --set:1:30: not fixed [open-registration]: the value comes from --set (workflow.set); change it there',
]
// The last line counts what it left alone, and never says "nothing to fix" about it.
assert fix.contains('[INFO] workflow-guard fix: changed 1 file (4 values); the correction for 1 finding was refused, ' +
        'for the reason given above.')
// The refused --set value is expected to remain: no "the edit did not take effect" warning for it.
assert !fix.any { it.contains('still reported after the fix') }
assert fix.contains('[INFO] workflow-guard: 5 findings remain; each needs a person:')
assert places(findings(fix)) == [
    '--set:1:30 error open-registration',
    'values/values.yaml:11:12 error minio-storage',
    'values/values.yaml:78:1 error single-router',      // one line further down: allow_sign_up was inserted above
    "${router}:13:3 error single-router".toString(),
    'values/values.yaml:82:3 info no-ip-whitelist',
    'values/values.yaml:89:3 error tls-missing',
]
assert fix.contains('[INFO] BUILD SUCCESS')

// The values file: exactly the four corrections, nothing from --set written into it.
List<String> before = new File(basedir, 'original/values.yaml').readLines()
List<String> after = new File(basedir, 'values/values.yaml').readLines()
assert after.size() == before.size() + 3
assert after[24] == '  use_rbac: true'
assert after[69] == '    allow_sign_up: "false"'
assert after[82..83] == ['    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"', '    router.deis.io/nginx.ssl.enforce: "true"']
List<String> rest = new ArrayList<>(after)
[83, 82, 69].each { rest.remove(it) }
rest[24] = '  use_rbac: false'
assert rest == before
assert !after.any { it.contains('enabled"') || it.contains('Zq7') || it.contains('team-a') }

// report.json (written by the check of invocation 1): the --set finding is reported, but not as fixable.
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
def registration = report.findings.find { it.rule == 'open-registration' }
assert registration.file == '--set' && registration.line == 1 && registration.column == 30
assert registration.valuesPath == 'controller.registration_mode'
assert registration.fixable == false
report.findings.each { f -> f.locations.each { assert it.file == '--set' || new File(basedir, it.file).isFile() : it.file } }

// No message says the same parenthesised clause twice.
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).assertNoClauseTwice((findings(runs[0]) + findings(runs[1]))*.message)
return true
