// Stock 2.19 values + the production overlay + the router autoscaler (the chart has no replica key): no findings
// at all, BUILD SUCCESS, an empty report.
import groovy.json.JsonSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
assert !lines.any { findingLine.matcher(it).matches() } : 'no finding lines expected'
assert lines.contains('[INFO] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).')
assert lines.any { it.startsWith('[INFO] --- workflow:') && it.contains(':check (default) @ production-passes ---') }
assert lines.contains('[INFO] BUILD SUCCESS')
assert !lines.any { it.startsWith('[ERROR]') || it.startsWith('[WARNING]') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.workflowVersion == '2.19.0'
assert report.findings == []
assert report.summary == [error: 0, warning: 0, info: 0, files: 3, fixable: 0, failed: false, suppressed: 0, baselined: 0]
return true
