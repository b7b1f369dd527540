// Adopting workflow-guard on a repository that has findings, without turning the build red on day one:
// 1: `mvn verify` fails on them;
// 2: `mvn workflow:baseline` writes workflow-baseline.json: one entry per finding (every severity), each with a stable
//    fingerprint and what it is about (rule, file, values path or object, cause, message), sorted by fingerprint;
// 3: `mvn verify -Dworkflow.baseline=workflow-baseline.json` passes on the same values, and every report says why:
//    the log, report.json (baselined), SARIF (baselineState unchanged, the same fingerprints) and the HTML page.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+):(\d+):(\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def logged = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
        [file: it.group(2), line: it.group(3) as int, column: it.group(4) as int, severity: it.group(5),
         message: it.group(6), rule: it.group(7)]
    }
}

// ---- 1: the findings the baseline will accept (each has a single place here: one log line per finding).
List<Map> before = logged(runs[0])
assert before.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == [
    'rendered/grafana.yaml:6:9 warning rbac-disabled',          // a render without Role or ClusterRole
    'rendered/grafana.yaml:21:18 warning mutable-image-tag',    //   image: quay.io/deis/grafana:canary
    'values/base.yaml:69:15 error grafana-default-admin',       //     password: "admin"
    'values/prod.yaml:1:1 error grafana-signup',                // allow_sign_up set nowhere: the chart default
    'values/prod.yaml:11:19 error storage-placeholder',         //   builder_bucket: "your-builder-bucket-name"
    'values/prod.yaml:14:22 error open-registration',           //   registration_mode: enabled
    'values/prod.yaml:18:3 info no-ip-whitelist',               //   deployment_annotations:
]
assert runs[0].contains('[ERROR] workflow-guard: 4 errors, 2 warnings, 1 info in 3 files checked (Workflow 2.19.0). '
        + '2 findings can be corrected in the values files with `mvn workflow:fix`.')
assert runs[0].contains('[INFO] BUILD FAILURE')

// ---- 2: the baseline file.
assert runs[1].any { it ==~ /^\[INFO\] --- workflow:.*:baseline \(default-cli\) @ baseline ---$/ }
assert runs[1].contains('[INFO] workflow-guard: wrote 7 findings to workflow-baseline.json; with '
        + '<baseline>workflow-baseline.json</baseline> (or -Dworkflow.baseline=workflow-baseline.json), check fails only '
        + 'on new findings')
assert runs[1].contains('[INFO] BUILD SUCCESS')
assert logged(runs[1]).isEmpty()
File baselineFile = new File(basedir, 'workflow-baseline.json')
assert baselineFile.isFile()
def baseline = new JsonSlurper().parse(baselineFile)
assert baseline.keySet() as List == ['tool', 'format', 'about', 'findings']
assert baseline.format == 2
assert baseline.tool ==~ /workflow-guard \d+\.\d+\.\d+(-SNAPSHOT)?/
assert baseline.about.contains('mvn workflow:baseline')
List<Map> entries = baseline.findings
assert entries.every { it.keySet() as List == ['fingerprint', 'rule', 'file', 'subject', 'cause', 'message'] }
assert entries.every { it.cause }
assert entries.every { it.fingerprint ==~ /[0-9a-f]{32}/ }
assert entries*.fingerprint == entries*.fingerprint.sort(false) : 'sorted, so the file diffs well in review'
assert entries*.fingerprint.unique(false).size() == entries.size()
// One entry per finding of invocation 1, whatever its severity; no line numbers anywhere.
assert entries.collect { [it.rule, it.file, it.message] }.toSet() == before.collect { [it.rule, it.file, it.message] }.toSet()
assert entries.collectEntries { [it.rule, it.subject] } == [
    'mutable-image-tag'    : 'Deployment/deis-monitor-grafana',
    'rbac-disabled'        : 'Deployment/deis-monitor-grafana',
    'grafana-signup'       : 'monitor.grafana.allow_sign_up',
    'grafana-default-admin': 'monitor.grafana.password',
    'no-ip-whitelist'      : 'router.deployment_annotations."router.deis.io/nginx.defaultWhitelist"',
    'storage-placeholder'  : 's3.builder_bucket',
    'open-registration'    : 'controller.registration_mode',
]
assert !baselineFile.getText('UTF-8').contains('"line"')

// ---- 3: the same values checked against the baseline pass; nothing is hidden.
List<String> after = runs[2]
assert logged(after).isEmpty()
assert after.contains('[INFO] workflow-guard: 7 findings accepted by the baseline workflow-baseline.json')
assert after.contains('[INFO] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).')
assert after.contains('[INFO] BUILD SUCCESS')

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings == []
assert report.fixedSinceBaseline == []
assert report.summary == [error: 0, warning: 0, info: 0, files: 3, fixable: 0, suppressed: 0, baselined: 7, failed: false]
assert report.baselined.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } ==
        before.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() }
assert report.baselined.collect { [it.rule, it.file, it.valuesPath ?: it.object, it.message] }.toSet() ==
        entries.collect { [it.rule, it.file, it.subject, it.message] }.toSet()

// SARIF: baselined results are "unchanged", under the fingerprints the baseline file holds.
def results = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.sarif')).runs[0].results
assert results.size() == 7
assert results.every { it.baselineState == 'unchanged' && !it.containsKey('suppressions') }
assert results.collectEntries { [it.partialFingerprints.'workflowGuardFinding/v2', it.ruleId] } ==
        entries.collectEntries { [it.fingerprint, it.rule] }
assert results*.level.countBy { it } == [warning: 2, error: 4, note: 1]

// JUnit: nothing fails. HTML: the accepted findings have their own table, and the summary counts them.
def junit = new XmlSlurper().parse(new File(basedir, 'target/workflow/TEST-workflow-guard.xml'))
assert junit.@failures.text() == '0' && junit.@tests.text() == (3 * 20).toString()
def page = new XmlSlurper(false, false, true).parse(new File(basedir, 'target/workflow/report.html'))
def section = page.'**'.find { it.name() == 'section' && it.@'aria-labelledby'.text() == 'baseline-title' }
assert section.h2.text() == 'Accepted by the baseline'
assert section.table.tbody.tr.collect { it.@'data-rule'.text() } == before*.rule
def cards = page.'**'.findAll { it.name() == 'div' && it.@class.text().startsWith('card ') }
        .collectEntries { [it.@class.text() - 'card ', it.b.text()] }
assert cards.baselined == '7' && cards.fixed == '0' && cards.error == '0'
assert page.'**'.find { it.@class.text() == 'verdict' }.text() == 'The build passes: no findings at or above error.'
return true
