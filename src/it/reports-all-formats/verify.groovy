// `mvn verify -Dworkflow.formats=sarif,junit,html` on a git repo with findings of every severity, one of them shown in two
// places (values line and committed render). Each report is read the way its consumer reads it:
// - report.sarif (JSON): SARIF 2.1.0, one run, the rule catalogue, each result with the ruleId, level, line and column
//   of the log line, its second place as a related location, paths relative to the repository root;
// - TEST-workflow-guard.xml (XML): one test case per checked file and rule, a failure for each error finding;
// - report.html (parsed as XML): every finding's file:line:col and message, and nothing loaded from elsewhere.
// Invocation 2 runs in a GitHub Actions job (GITHUB_ACTIONS=true): one `::error file=…,line=…,col=…,title=…::…`
// workflow command per place, each at the start of its line.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
// One chunk per Maven invocation (invoker appends them to the same build.log).
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2
runs.each { assert it.contains('[INFO] BUILD FAILURE') }

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+):(\d+):(\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def logged = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
        assert it.group(1) == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.group(5)]
        [file: it.group(2), line: it.group(3) as int, column: it.group(4) as int, severity: it.group(5),
         message: it.group(6), rule: it.group(7)]
    }
}
def at = { Map place -> "${place.file}:${place.line}:${place.column}".toString() }

// ---- The log: one line per place of each finding, in report order.
List<Map> places = logged(runs[0])
assert places.collect { "${at(it)} ${it.severity} ${it.rule}".toString() } == [
    'rendered/grafana.yaml:6:9 warning rbac-disabled',         // the render has deis-* workloads but no Role
    'values/prod.yaml:14:22 error open-registration',          //   registration_mode: enabled
    'values/prod.yaml:18:20 error grafana-signup',             //     allow_sign_up: yes
    'rendered/grafana.yaml:24:22 error grafana-signup',        //   ALLOW_SIGN_UP "true": the same cause, second place
    'values/prod.yaml:23:3 info no-ip-whitelist',              //   deployment_annotations:
    'values/prod.yaml:23:3 warning tls-legacy-protocols',
]
assert runs[0].contains('[ERROR] workflow-guard: 2 errors, 2 warnings, 1 info in 3 files checked (Workflow 2.19.0). '
        + '3 findings can be corrected in the values files with `mvn workflow:fix`.')
assert logged(runs[1]) == places

File dir = new File(basedir, 'target/workflow')
// check-record.txt: what up-to-date checking repeats when nothing changes (src/it/up-to-date).
assert dir.list().sort() == ['TEST-workflow-guard.xml', 'check-record.txt', 'report.html', 'report.json', 'report.sarif']
// report.json: the findings (one entry per finding, its places under locations) the other reports are compared with.
def report = new JsonSlurper().parse(new File(dir, 'report.json'))
List<Map> findings = report.findings
assert findings.collectMany { it.locations } .collect { [file: it.file, line: it.line, column: it.column,
        message: it.message] } == places.collect { it.subMap(['file', 'line', 'column', 'message']) }
assert findings*.rule == ['rbac-disabled', 'open-registration', 'grafana-signup', 'no-ip-whitelist', 'tls-legacy-protocols']
String toolVersion = report.tool.version
assert runs[0].any { it ==~ /^\[INFO\] --- workflow:${java.util.regex.Pattern.quote(toolVersion)}:check \(default\) @ reports-all-formats ---$/ }

// ---- SARIF, as code scanning reads it.
def sarif = new JsonSlurper().parse(new File(dir, 'report.sarif'))
assert sarif.version == '2.1.0'
assert sarif.'$schema' == 'https://json.schemastore.org/sarif-2.1.0.json'
assert sarif.runs.size() == 1
def run = sarif.runs[0]
assert run.tool.driver.name == 'workflow-guard'
assert run.tool.driver.version == toolVersion
assert run.columnKind == 'unicodeCodePoints'
List rules = run.tool.driver.rules
assert rules.size() == 20 && rules*.id.unique().size() == 20
assert rules*.id.containsAll(places*.rule + ['invalid-suppression', 'expired-suppression', 'stale-suppression'])
rules.each { rule ->
    assert rule.shortDescription.text && rule.fullDescription.text && rule.help.text
    assert rule.defaultConfiguration.level in ['error', 'warning', 'note']
    // Each rule's help is its docs page (docs/rules/<id>.md of the plugin's sources), as Markdown and as plain text;
    // no address: the build configures no docsBaseUrl.
    assert rule.help.markdown.startsWith("# `${rule.id}`\n") && rule.help.markdown.contains('\n## How to fix\n')
    assert rule.help.text.startsWith("${rule.id}\n") && rule.help.text.contains('\nHow to fix\n')
    assert !rule.containsKey('helpUri')
}
assert !run.tool.driver.containsKey('informationUri')
assert rules.find { it.id == 'open-registration' }.defaultConfiguration.level == 'error'
assert rules.find { it.id == 'no-ip-whitelist' }.defaultConfiguration.level == 'note'

def level = [error: 'error', warning: 'warning', info: 'note']
List results = run.results
assert results.size() == findings.size()
// Primary locations and related locations, in order, are exactly the log lines.
List<Map> sarifPlaces = results.collectMany { result ->
    ([result.locations[0]] + (result.relatedLocations ?: [])).collect { location ->
        def physical = location.physicalLocation
        assert physical.artifactLocation.uriBaseId == '%SRCROOT%'
        [file: physical.artifactLocation.uri, line: physical.region.startLine, column: physical.region.startColumn,
         level: result.level, rule: result.ruleId]
    }
}
assert sarifPlaces == places.collect { [file: it.file, line: it.line, column: it.column, level: level[it.severity],
        rule: it.rule] }
results.eachWithIndex { result, i ->
    Map finding = findings[i]
    assert result.ruleId == finding.rule
    assert rules[result.ruleIndex].id == result.ruleId
    assert result.message.text == finding.message
    assert result.locations.size() == 1
    assert (result.relatedLocations ?: []).size() == finding.locations.size() - 1
    result.relatedLocations.eachWithIndex { related, j -> assert related.message.text == finding.locations[j + 1].message }
    assert result.partialFingerprints.'workflowGuardFinding/v2' ==~ /[0-9a-f]{32}/
    assert result.properties.fixable == finding.fixable
    assert !result.containsKey('suppressions') && !result.containsKey('baselineState')
}
// Relative URIs from the repository root (this folder: prebuild.groovy made it a git repository), never absolute.
results.collectMany { [it.locations[0]] + (it.relatedLocations ?: []) }.each {
    String uri = it.physicalLocation.artifactLocation.uri
    assert uri ==~ /(values|rendered)\/[a-z]+\.yaml/ : uri
    assert new File(basedir, uri).isFile()
}
// Logical locations: the values path, or the Kubernetes object.
assert results[1].locations[0].logicalLocations == [[fullyQualifiedName: 'controller.registration_mode', kind: 'member']]
assert results[2].relatedLocations[0].logicalLocations ==
        [[fullyQualifiedName: 'Deployment/deis-monitor-grafana', kind: 'object']]

// ---- JUnit XML, as Jenkins and GitLab read it: one test case per checked file and rule.
def junit = new XmlSlurper().parse(new File(dir, 'TEST-workflow-guard.xml'))
assert junit.name() == 'testsuites'
def suite = junit.testsuite
assert suite.size() == 1
List<String> files = ['values/base.yaml', 'values/prod.yaml', 'rendered/grafana.yaml']
def cases = suite.testcase.list()
assert cases.size() == files.size() * rules.size()
assert cases.collect { "${it.@classname}#${it.@name}".toString() }.toSet() ==
        [files, rules*.id].combinations().collect { "${it[0]}#${it[1]}".toString() }.toSet()
List<Map> errors = findings.findAll { it.severity == 'error' }
assert errors*.rule == ['open-registration', 'grafana-signup']
[junit, suite].each { element ->
    assert element.@tests.text() == cases.size().toString()
    assert element.@failures.text() == errors.size().toString()
    assert element.@errors.text() == '0'
    assert element.@skipped.text() == '0'
}
def testCase = { String file, String rule -> cases.find { it.@classname.text() == file && it.@name.text() == rule } }
errors.each { finding ->
    def failure = testCase(finding.file, finding.rule).failure
    assert failure.size() == 1
    assert failure.@type.text() == 'error'
    assert failure.@message.text() == finding.message
    // The failure text is the log line of each of its places.
    assert failure.text().readLines() == finding.locations.collect {
        "${it.file}:${it.line}:${it.column}: error: ${it.message} [${finding.rule}]".toString() }
}
assert cases.count { it.failure.size() > 0 } == errors.size()
// Below failOnSeverity: listed in the case's output, not failures.
findings.findAll { it.severity != 'error' }.each { finding ->
    def testcase = testCase(finding.file, finding.rule)
    assert testcase.failure.size() == 0
    assert testcase.'system-out'.text().readLines() == ["${at(finding)}: ${finding.severity}: ${finding.message} [${finding.rule}]".toString()]
}

// ---- The HTML page: well-formed (parsed as XML), every finding with every place and its message, nothing external.
File htmlFile = new File(dir, 'report.html')
String html = htmlFile.getText('UTF-8')
XmlSlurper htmlParser = new XmlSlurper(false, false, true)   // the page starts with <!DOCTYPE html>
htmlParser.keepIgnorableWhitespace = true                    // the line breaks between the diff's <span> lines
def page = htmlParser.parse(htmlFile)
assert page.name() == 'html'
assert page.'**'.findAll { it.name() == 'link' }.isEmpty() : 'no external stylesheet'
assert page.'**'.findAll { it.@src.text() }.isEmpty() : 'no script, image or frame loaded from anywhere'
assert !(html =~ /(?i)<script[^>]+src|<link|@import|url\(/)
// No address but the XHTML namespace: every rule the page names links to its help in the page.
assert (html =~ /https?:\/\/[^"\s<]+/).collect { it }.unique() == ['http://www.w3.org/1999/xhtml']
assert page.'**'.findAll { it.name() == 'details' }*.@id*.text() == findings*.rule.unique().sort { a, b ->
    rules*.id.indexOf(a) <=> rules*.id.indexOf(b) }.collect { "rule-$it".toString() }
assert page.'**'.findAll { it.name() == 'script' }.size() == 1 && page.'**'.findAll { it.name() == 'style' }.size() == 1
assert html.contains('<meta name="viewport" content="width=device-width, initial-scale=1"/>')
def rows = page.'**'.find { it.name() == 'table' && it.@id.text() == 'findings' }.tbody.tr.list()
assert rows.size() == findings.size()
findings.eachWithIndex { finding, i ->
    def row = rows[i]
    assert row.@'data-rule'.text() == finding.rule && row.@'data-severity'.text() == finding.severity
    def cells = row.td.list()
    assert cells*.@'data-label'*.text() == ['Severity', 'Rule', 'Location', 'Message']
    assert cells[2].'**'.findAll { it.name() == 'code' }*.text() == finding.locations.collect { at(it) }
    assert cells[1].a.@href.text() == "#rule-${finding.rule}"
    // What the message quotes between backticks is code, without the backticks.
    assert cells[3].text() == finding.message.replace('`', '')
    assert cells[3].'**'.findAll { it.name() == 'code' }*.text() == (finding.message =~ /`([^`]*)`/).collect { it[1] }
}
// A place wraps only after a path separator (<wbr/>), never inside its line and column.
String pageText = page.text()
places.each { assert pageText.contains(at(it)) && html.contains("<span class=\"pos\">:${it.line}:${it.column}</span></span></code>") }
def cards = page.'**'.findAll { it.name() == 'div' && it.@class.text().startsWith('card ') }
        .collectEntries { [it.@class.text() - 'card ', it.b.text()] }
assert cards == [error: '2', warning: '2', info: '1', fixable: '3', suppressed: '0']
assert page.'**'.find { it.@class.text() == 'verdict failed' }.text() == 'The build fails: findings at or above error.'
// The diff `workflow:fix` would apply, as a preview; the committed files stay untouched.
String diff = page.'**'.find { it.name() == 'pre' && it.@class.text() == 'diff' }.text()
assert diff.startsWith('diff --git a/values/prod.yaml b/values/prod.yaml\n--- a/values/prod.yaml\n+++ b/values/prod.yaml\n@@ ')
assert diff.contains('\n-  registration_mode: enabled          # error: open registration\n'
        + '+  registration_mode: admin_only          # error: open registration\n')
assert diff.contains('\n-    allow_sign_up: yes                # error')
assert diff.contains('\n+    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"\n')
Process status = new ProcessBuilder('git', 'status', '--porcelain', '--', 'values', 'rendered').directory(basedir)
        .redirectErrorStream(true).start()
assert status.inputStream.text == '' && status.waitFor() == 0 : 'the HTML fix preview must not write the values'

// ---- GitHub Actions (invocation 2): one workflow command per place, at the start of its own line, no log prefix.
assert !runs[0].any { it.contains('::error') || it.contains('::warning') || it.contains('::notice') }
List<String> commands = runs[1].findAll { it.contains('::error ') || it.contains('::warning ') || it.contains('::notice ') }
def command = [error: 'error', warning: 'warning', info: 'notice']
assert commands == places.collect {
    "::${command[it.severity]} file=${it.file},line=${it.line},col=${it.column},title=workflow-guard ${it.rule}::${it.message.replace('%', '%25')}".toString()
}
assert commands.every { it.startsWith('::') }
return true
