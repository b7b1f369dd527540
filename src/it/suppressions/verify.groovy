// Suppressions written where the decision is made, each with its reason:
// - values comments `# workflow:ignore <rule> reason="…" until=…`: trailing a value (its own line) and on the line above;
// - an annotation `workflow-guard.dev/ignore.<rule>` on a rendered object;
// - a <suppression> in the POM (rule, file glob, reason).
// 1: every suppression holds: the accepted findings are logged as suppressed with their reasons, not counted, and the
//    build passes on what remains (warnings); every report lists them (report.json, SARIF, JUnit, HTML).
// 2: the same overlay a year later (values/prod-later.yaml): an expired suppression stops suppressing and says so, a
//    suppression without a reason or naming no rule is an error and suppresses nothing, one that matches nothing is stale.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def logged = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
        assert it.group(1) == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.group(3)]
        [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
    }
}
def ids = { List<Map> found -> found.collect { "${it.at} ${it.severity} ${it.rule}".toString() } }
def suppressedLines = { List<String> lines -> lines.findAll { it.contains(': suppressed [') } }
def parse = { String overlay, String name -> new JsonSlurper().parse(new File(basedir, "target/workflow-$overlay/$name")) }

// Where the POM's <suppression> is written (line and column of the element), for messages and reports.
List<String> pom = new File(basedir, 'pom.xml').readLines('UTF-8')
int pomLine = pom.findIndexOf { it.trim() == '<suppression>' } + 1
String pomAt = "pom.xml:${pomLine}:${pom[pomLine - 1].indexOf('<') + 1}"
assert pomAt == 'pom.xml:36:13'

// What each suppression accepts, where it is written, and why.
Map openRegistration = [rule: 'open-registration', at: 'values/prod.yaml:14:22', source: 'values/prod.yaml:14:31',
        reason: 'onboarding week: teams register themselves', until: '2099-12-31']     // trailing: its own line
Map grafanaSignup = [rule: 'grafana-signup', at: 'values/prod.yaml:19:20', source: 'values/prod.yaml:18:5',
        reason: 'staging cluster, sign-ups for the demo', until: '2099-12-31']         // on its own line: the line below
Map defaultAdmin = [rule: 'grafana-default-admin', at: 'rendered/grafana.yaml:26:22', source: 'rendered/grafana.yaml:10:54',
        reason: 'demo cluster, rebuilt every night; nobody outside the office reaches it', until: null]  // annotation
Map whitelist = [rule: 'no-ip-whitelist', at: 'values/prod.yaml:24:3', source: pomAt,
        reason: 'public PaaS: everyone may reach the apps', until: null]                 // POM, file glob values/*.yaml
def logLine = { Map s -> "[INFO] ${s.at}: suppressed [${s.rule}] (${s.reason}${s.until ? ", until ${s.until}" : ''})".toString() }

// ---- 1: all four suppressed; the two warnings left do not fail the build.
List<String> first = runs[0]
assert ids(logged(first)) == [
    'rendered/grafana.yaml:6:9 warning rbac-disabled',
    'values/prod.yaml:24:3 warning tls-legacy-protocols',
]
assert suppressedLines(first) == [openRegistration, grafanaSignup, defaultAdmin, whitelist].collect(logLine)
assert first.contains('[INFO] workflow-guard: 0 errors, 2 warnings, 0 info in 3 files checked (Workflow 2.19.0). '
        + '1 finding can be corrected in the values files with `mvn workflow:fix`.')
assert first.contains('[INFO] BUILD SUCCESS')
assert !first.any { it.contains('-suppression]') }

def report = parse('prod', 'report.json')
assert report.findings*.rule == ['rbac-disabled', 'tls-legacy-protocols']
assert report.summary == [error: 0, warning: 2, info: 0, files: 3, fixable: 1, suppressed: 4, baselined: 0, failed: false]
def suppressedInReport = { Map s -> [rule: s.rule, at: "${s.file}:${s.line}:${s.column}".toString(),
        source: s.suppression.source, reason: s.suppression.reason, until: s.suppression.until] }
assert report.suppressed.collect(suppressedInReport) == [openRegistration, grafanaSignup, defaultAdmin, whitelist]
assert report.suppressed*.severity == ['error', 'error', 'error', 'info']
assert report.suppressed.find { it.rule == 'grafana-default-admin' }.object == 'Deployment/deis-monitor-grafana'
assert report.suppressed.find { it.rule == 'open-registration' }.valuesPath == 'controller.registration_mode'

// SARIF: the accepted findings are results with a suppression carrying the reason (GitHub shows them as dismissed).
def sarifResults = parse('prod', 'report.sarif').runs[0].results
assert sarifResults*.ruleId == ['rbac-disabled', 'tls-legacy-protocols', 'open-registration', 'grafana-signup',
        'grafana-default-admin', 'no-ip-whitelist']
assert sarifResults.take(2).every { !it.containsKey('suppressions') }
assert sarifResults.drop(2).collect { it.suppressions } == [
    [[kind: 'inSource', status: 'accepted', justification: 'onboarding week: teams register themselves (until 2099-12-31)']],
    [[kind: 'inSource', status: 'accepted', justification: 'staging cluster, sign-ups for the demo (until 2099-12-31)']],
    [[kind: 'inSource', status: 'accepted', justification: defaultAdmin.reason]],
    [[kind: 'external', status: 'accepted', justification: whitelist.reason]],
]
// (URIs are relative to the enclosing git work tree: this IT does not make its folder a repository of its own.)
List<String> sarifPlaces = sarifResults.drop(2).collect { r -> r.locations[0].physicalLocation.with {
    "${it.artifactLocation.uri}:${it.region.startLine}:${it.region.startColumn}".toString() } }
[sarifPlaces, [openRegistration, grafanaSignup, defaultAdmin, whitelist]*.at].transpose().each { String uri, String at ->
    assert uri == at || uri.endsWith('/' + at)
}

// JUnit: a case whose only findings are suppressed is skipped, with the reason; nothing fails.
def junit = new XmlSlurper().parse(new File(basedir, 'target/workflow-prod/TEST-workflow-guard.xml'))
assert junit.@failures.text() == '0' && junit.@skipped.text() == '4'
def skipped = junit.testsuite.testcase.findAll { it.skipped.size() > 0 }.collect {
    [it.@classname.text(), it.@name.text(), it.skipped.@message.text()] }
assert skipped.toSet() == [openRegistration, grafanaSignup, defaultAdmin, whitelist].collect {
    [it.at.split(':')[0], it.rule, "suppressed: ${it.reason}".toString()] }.toSet()

// HTML: a "Suppressed" table with rule, place, reason, until, and where the suppression is written.
XmlSlurper htmlParser = new XmlSlurper(false, false, true)
def page = htmlParser.parse(new File(basedir, 'target/workflow-prod/report.html'))
def section = page.'**'.find { it.name() == 'section' && it.@'aria-labelledby'.text() == 'suppressed-title' }
assert section.h2.text() == 'Suppressed'
assert section.table.tbody.tr.collect { row -> row.td*.text() } == [openRegistration, grafanaSignup, defaultAdmin,
        whitelist].collect { [it.rule, it.at, it.reason, it.until ?: '\u2013', it.source] }

// ---- 2: a year later.
List<String> later = runs[1]
List<Map> found = logged(later)
assert ids(found) == [
    'rendered/grafana.yaml:6:9 warning rbac-disabled',
    'values/prod-later.yaml:15:22 error open-registration',       // its suppression has no reason: not suppressed
    'values/prod-later.yaml:15:31 error invalid-suppression',     //   ... and is itself an error
    'values/prod-later.yaml:19:5 warning expired-suppression',    // until=2020-01-31 has passed
    'values/prod-later.yaml:20:20 error grafana-signup',          //   ... so the finding is back
    'rendered/grafana.yaml:24:11 error grafana-signup',           //   ... and the render, which sets no ALLOW_SIGN_UP
    'values/prod-later.yaml:24:3 error invalid-suppression',      // single-routers is not a rule id
    'values/prod-later.yaml:26:3 warning tls-legacy-protocols',
    'values/prod-later.yaml:27:5 warning stale-suppression',      // tls-not-enforced: ssl.enforce is "true" now
]
def message = { String at, String rule -> found.find { it.at == at && it.rule == rule }.message }
assert message('values/prod-later.yaml:15:31', 'invalid-suppression') ==
        'workflow:ignore open-registration has no reason; a suppression must say why: reason="\u2026"'
assert message('values/prod-later.yaml:24:3', 'invalid-suppression') ==
        'workflow:ignore names "single-routers", which is not a rule id; did you mean "single-router"?'
assert message('values/prod-later.yaml:19:5', 'expired-suppression') ==
        'the suppression of grafana-signup expired on 2020-01-31, so it no longer suppresses (its reason was: staging ' +
        'cluster, sign-ups for the demo); fix the finding, or renew the suppression with a new until date'
assert message('values/prod-later.yaml:27:5', 'stale-suppression') ==
        'the suppression of tls-not-enforced (values/prod-later.yaml:28) matches no finding: the problem is gone or the ' +
        'suppression points at the wrong place; delete it'
// The annotation and the POM entry still hold.
assert suppressedLines(later) == [defaultAdmin, whitelist + [at: 'values/prod-later.yaml:26:3']].collect(logLine)
assert later.contains('[ERROR] workflow-guard: 4 errors, 4 warnings, 0 info in 3 files checked (Workflow 2.19.0). '
        + '3 findings can be corrected in the values files with `mvn workflow:fix`.')
assert later.contains('[INFO] BUILD FAILURE')
assert later.any { it.startsWith('[ERROR] Failed to execute goal ') && it.contains('on project suppressions: workflow-guard: '
        + '4 findings at or above error: open-registration (1), invalid-suppression (2), grafana-signup (1). '
        + 'See the lines above and target/workflow-prod-later/report.json.') }

def laterReport = parse('prod-later', 'report.json')
assert laterReport.summary == [error: 4, warning: 4, info: 0, files: 3, fixable: 3, suppressed: 2, baselined: 0, failed: true]
assert laterReport.suppressed.collect(suppressedInReport) == [defaultAdmin, whitelist + [at: 'values/prod-later.yaml:26:3']]
// The log has a line per place; the report lists grafana-signup's second place (the render) under its locations.
String renderedSignUp = 'rendered/grafana.yaml:24:11 error grafana-signup'
assert laterReport.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } ==
        ids(found) - [renderedSignUp]
assert laterReport.findings.find { it.rule == 'grafana-signup' }.locations.collect { "${it.file}:${it.line}:${it.column}".toString() } ==
        ['values/prod-later.yaml:20:20', 'rendered/grafana.yaml:24:11']
def laterJunit = new XmlSlurper().parse(new File(basedir, 'target/workflow-prod-later/TEST-workflow-guard.xml'))
assert laterJunit.@failures.text() == '3'   // values/prod-later.yaml: open-registration, invalid-suppression, grafana-signup
assert laterJunit.@skipped.text() == '2'
return true
