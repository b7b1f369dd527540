// A baseline committed to the repository (workflow-baseline.json, written by `mvn workflow:baseline` of an earlier
// version from before/, in the previous format: fingerprints of the messages), configured with <baseline> in the
// parent POM, against three snapshots of the same values file:
// 1: before/: the values it was written from: 3 findings accepted, the build passes;
// 2: shifted/: comments, blank lines and unrelated keys inserted above every accepted finding (they all move down):
//    fingerprints do not depend on lines, so the same 3 are accepted and the build passes;
// 3: new-problem/: a new finding fails the build alone; the baseline entry whose problem is fixed is listed, so the
//    baseline can shrink;
// 4: `mvn workflow:baseline` from before/ writes the baseline again, in the current format (fingerprints of rule,
//    cause, subject and file), with the same 3 findings;
// 5: shifted/ against the rewritten baseline: the same 3 are accepted.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 5

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def logged = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect { "${it.group(2)} ${it.group(3)} ${it.group(5)}".toString() }
}
def read = { String project, String name -> new JsonSlurper().parse(new File(basedir, "$project/target/workflow/$name")) }
def places = { List findings -> findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } }
def fingerprints = { String project ->
    read(project, 'report.sarif').runs[0].results.collectEntries { [it.partialFingerprints.'workflowGuardFinding/v2',
            "${it.ruleId} ${it.baselineState}".toString()] }
}

// The committed baseline (kept by prebuild.groovy before invocation 4 rewrote it), in the previous format.
def baseline = new JsonSlurper().parse(new File(basedir, 'original/workflow-baseline.json'))
assert !baseline.containsKey('format')
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
assert before.contains('[INFO] workflow-guard: no findings in 2 files checked (Workflow 2.19.0).')
assert before.contains('[INFO] BUILD SUCCESS')
def beforeReport = read('before', 'report.json')
assert places(beforeReport.baselined) == [
    'values/values.yaml:13:22 error open-registration',   //   registration_mode: enabled
    'values/values.yaml:17:20 error grafana-signup',      //     allow_sign_up: "true"
    'values/values.yaml:22:3 info no-ip-whitelist',       //   deployment_annotations:
]
assert beforeReport.fixedSinceBaseline == []
assert beforeReport.summary.baselined == 3 && beforeReport.summary.failed == false
// SARIF's fingerprints are the current format's: they are not the committed ones, but the rewritten baseline's (4).
def rewritten = new JsonSlurper().parse(new File(basedir, 'workflow-baseline.json'))
Map<String, String> current = rewritten.findings.collectEntries { [it.fingerprint, it.rule] }
assert fingerprints('before') == current.collectEntries { k, v -> [k, "$v unchanged".toString()] }
assert current.keySet().intersect(committed.keySet()).isEmpty()

// ---- 2: shifted/: every accepted finding moved (10, 12 and 13 lines down), all still accepted. (Its reports in
// shifted/target are invocation 5's, which must be the same.)
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
assert newProblem.contains('[ERROR] workflow-guard: 1 error, 0 warnings, 0 info in 2 files checked (Workflow 2.19.0).')
assert newProblem.contains('[INFO] BUILD FAILURE')
assert newProblem.any { it.startsWith('[ERROR] Failed to execute goal ') && it.contains('on project new-problem: '
        + 'workflow-guard: 1 finding at or above error: storage-placeholder (1). ') }
def report = read('new-problem', 'report.json')
assert places(report.findings) == ['values/values.yaml:18:19 error storage-placeholder']
assert places(report.baselined) == ['values/values.yaml:29:20 error grafana-signup', 'values/values.yaml:35:3 info no-ip-whitelist']
assert report.fixedSinceBaseline == baseline.findings.findAll { it.rule == 'open-registration' }
        .collect { it.subMap(['fingerprint', 'rule', 'file', 'message']) }
assert report.summary == [error: 1, warning: 0, info: 0, files: 2, fixable: 0, suppressed: 0, baselined: 2, failed: true]
// SARIF: the new finding is "new", the accepted ones "unchanged".
Map<String, String> states = fingerprints('new-problem')
assert states.findAll { k, v -> k in current.keySet() } == current.findAll { k, v -> v != 'open-registration' }
        .collectEntries { k, v -> [k, "$v unchanged".toString()] }
assert states.findAll { k, v -> !(k in current.keySet()) }.values() as List == ['storage-placeholder new']

// ---- 4: workflow:baseline from before/ rewrote the committed file in the current format, with the same findings.
List<String> rewrite = runs[3]
String written = new File(basedir, 'workflow-baseline.json').canonicalPath   // outside before/: named in full
assert rewrite.contains(("[INFO] workflow-guard: wrote 3 findings to $written; with <baseline>$written</baseline> (or "
        + "-Dworkflow.baseline=$written), check fails only on new findings").toString())
assert rewrite.contains('[INFO] BUILD SUCCESS')
assert rewritten.format == 2
assert rewritten.findings.collect { [it.rule, it.file, it.subject, it.message] } as Set ==
        baseline.findings.collect { [it.rule, it.file, it.subject, it.message] } as Set
assert rewritten.findings.every { it.cause && it.fingerprint ==~ /[0-9a-f]{32}/ }

// ---- 5: shifted/ against the rewritten baseline: the same 3 accepted, nothing fixed.
List<String> again = runs[4]
assert logged(again).isEmpty()
assert again.contains('[INFO] workflow-guard: 3 findings accepted by the baseline ../workflow-baseline.json')
assert !again.any { it.contains('baseline entries are fixed') || it.contains('baseline entry is fixed') }
assert again.contains('[INFO] BUILD SUCCESS')
return true
