// A baseline committed to the repository (workflow-baseline.json, written by `mvn workflow:baseline` from before/),
// configured with <baseline> in the parent POM, against three snapshots of the same values file:
// 1: before/: the values it was written from: 3 findings accepted, the build passes;
// 2: shifted/: comments, blank lines and unrelated keys inserted above every accepted finding (they all move down):
//    fingerprints do not depend on lines, so the same 3 are accepted and the build passes;
// 3: new-problem/: a new finding fails the build alone; the baseline entry whose problem is fixed is listed, so the
//    baseline can shrink.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def logged = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect { "${it.group(2)} ${it.group(3)} ${it.group(5)}".toString() }
}
def read = { String project, String name -> new JsonSlurper().parse(new File(basedir, "$project/target/workflow/$name")) }
def places = { List findings -> findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } }
def fingerprints = { String project ->
    read(project, 'report.sarif').runs[0].results.collectEntries { [it.partialFingerprints.'workflowGuardFinding/v1',
            "${it.ruleId} ${it.baselineState}".toString()] }
}

// The committed baseline is read, never rewritten by check.
def baseline = new JsonSlurper().parse(new File(basedir, 'workflow-baseline.json'))
Map<String, String> committed = [
    '1a9a3cd3bb2e08a4be233c96d0769963': 'grafana-signup',
    '7176209e5b453599a249b6bc451bc057': 'no-ip-whitelist',
    'd54ae24126f91e7580b66b5637d16019': 'open-registration',
]
assert baseline.findings.collectEntries { [it.fingerprint, it.rule] } == committed
assert baseline.findings.every { it.file == 'values/values.yaml' }

// ---- 1: before/.
List<String> before = runs[0]
assert before.any { it ==~ /^\[INFO\] --- workflow:.*:check \(default\) @ before ---$/ }
assert logged(before).isEmpty()
assert before.contains('[INFO] workflow-guard: 3 findings accepted by the baseline ../workflow-baseline.json')
assert before.contains('[INFO] workflow-guard: no findings in 1 file checked (Workflow 2.19.0).')
assert before.contains('[INFO] BUILD SUCCESS')
def beforeReport = read('before', 'report.json')
assert places(beforeReport.baselined) == [
    'values/values.yaml:13:22 error open-registration',   //   registration_mode: enabled
    'values/values.yaml:17:20 error grafana-signup',      //     allow_sign_up: "true"
    'values/values.yaml:22:3 info no-ip-whitelist',       //   deployment_annotations:
]
assert beforeReport.fixedSinceBaseline == []
assert beforeReport.summary.baselined == 3 && beforeReport.summary.failed == false
assert fingerprints('before') == committed.collectEntries { k, v -> [k, "$v unchanged".toString()] }

// ---- 2: shifted/: every accepted finding moved (10, 12 and 13 lines down), all still accepted.
List<String> shifted = runs[1]
assert logged(shifted).isEmpty()
assert shifted.contains('[INFO] workflow-guard: 3 findings accepted by the baseline ../workflow-baseline.json')
assert !shifted.any { it.contains('baseline entries are fixed') || it.contains('baseline entry is fixed') }
assert shifted.contains('[INFO] BUILD SUCCESS')
def shiftedReport = read('shifted', 'report.json')
assert places(shiftedReport.baselined) == [
    'values/values.yaml:23:22 error open-registration',
    'values/values.yaml:29:20 error grafana-signup',
    'values/values.yaml:35:3 info no-ip-whitelist',
]
assert shiftedReport.fixedSinceBaseline == []
assert fingerprints('shifted') == fingerprints('before')

// ---- 3: new-problem/: fails on the new finding only; the fixed entry is reported.
List<String> newProblem = runs[2]
assert logged(newProblem) == ['values/values.yaml:18:19 error storage-placeholder']   // builder_bucket: placeholder
assert newProblem.contains('[INFO] workflow-guard: 2 findings accepted by the baseline ../workflow-baseline.json; '
        + '1 baseline entry is fixed: run `mvn workflow:baseline` to shrink it')
assert newProblem.contains('[ERROR] workflow-guard: 1 error, 0 warnings, 0 info in 1 file checked (Workflow 2.19.0).')
assert newProblem.contains('[INFO] BUILD FAILURE')
assert newProblem.any { it.startsWith('[ERROR] Failed to execute goal ') && it.contains('on project new-problem: '
        + 'workflow-guard: 1 finding at or above error: storage-placeholder (1). ') }
def report = read('new-problem', 'report.json')
assert places(report.findings) == ['values/values.yaml:18:19 error storage-placeholder']
assert places(report.baselined) == ['values/values.yaml:29:20 error grafana-signup', 'values/values.yaml:35:3 info no-ip-whitelist']
assert report.fixedSinceBaseline == baseline.findings.findAll { it.rule == 'open-registration' }
        .collect { it.subMap(['fingerprint', 'rule', 'file', 'message']) }
assert report.summary == [error: 1, warning: 0, info: 0, files: 1, fixable: 0, suppressed: 0, baselined: 2, failed: true]
// SARIF: the new finding is "new", the accepted ones "unchanged".
Map<String, String> states = fingerprints('new-problem')
assert states.findAll { k, v -> k in committed.keySet() } == [
    '1a9a3cd3bb2e08a4be233c96d0769963': 'grafana-signup unchanged',
    '7176209e5b453599a249b6bc451bc057': 'no-ip-whitelist unchanged',
]
assert states.findAll { k, v -> !(k in committed.keySet()) }.values() as List == ['storage-placeholder new']
return true
