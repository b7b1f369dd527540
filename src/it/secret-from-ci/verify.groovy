// The Grafana password a repository must not hold, passed from a CI secret with -Dworkflow.set: without it the
// check reports the chart default and says how to pass it; with it the finding is gone, and the value appears
// nowhere: not in the log (findings, the printed diff), not in any file under target/ (report.json, SARIF, JUnit,
// HTML, fix.patch, the up-to-date record).
import groovy.json.JsonSlurper

String secret = 'Sx9-from-CI-secret'
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3

// 1: no password given: the chart default "admin" of the base file, and how the build can see the real one.
assert runs[0].contains('[ERROR] values/base.yaml:69:15: error: monitor.grafana.password is the chart default "admin": '
        + "Grafana's admin account then opens with the well-known admin/admin; take a real password from a CI secret, "
        + 'never from a committed file, and pass it with `--set monitor.grafana.password=…` when Helm deploys, and with '
        + '`-Dworkflow.set=monitor.grafana.password=…` so that this build sees it [grafana-default-admin]')
assert runs[0].any { it.startsWith('[ERROR] values/prod.yaml:17:20: error: monitor.grafana.allow_sign_up is yes') }

// 2: a dry-run fix with the password: the diff closes sign-ups; the password is neither reported nor shown.
List<String> fix = runs[1]
assert fix.contains('[INFO] +    allow_sign_up: "false"')
assert !fix.any { it.contains('[grafana-default-admin]') }
assert fix.contains('[INFO] BUILD SUCCESS')
File patch = new File(basedir, 'target/workflow/fix.patch')
assert patch.text.contains('+    allow_sign_up: "false"')

// 3: the check with the password and every report: only the sign-up finding is left.
List<String> check = runs[2]
assert !check.any { it.contains('[grafana-default-admin]') }
assert check.any { it.startsWith('[ERROR] values/prod.yaml:17:20: error: monitor.grafana.allow_sign_up is yes') }
assert check.contains('[INFO] BUILD FAILURE')
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings*.rule == ['grafana-signup']
['report.json', 'report.sarif', 'TEST-workflow-guard.xml', 'report.html', 'fix.patch'].each {
    assert new File(basedir, "target/workflow/$it").isFile() : "$it was written"
}

// No up-to-date record is kept for a check given --set values, not even a digest of them: it checks every time.
assert check.contains('[INFO] workflow-guard: checked every time: a check given --set values (setValues / '
        + 'workflow.set) keeps no up-to-date record, as they may be secrets')

// Nowhere: the log of every run, and every file the plugin wrote.
assert !text.contains(secret)
List<File> written = []
new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { written << it }
assert written.size() >= 5
written.each { File file -> assert !file.getText('ISO-8859-1').contains(secret) : "$file holds the secret" }
return true
