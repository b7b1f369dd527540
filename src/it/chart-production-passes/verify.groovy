// The chart rendered with Helm from the stock values + a production overlay, the Grafana password given with
// -Dworkflow.set (from CI, in no committed file) and a committed HorizontalPodAutoscaler for the router the chart
// hard-codes to one replica: no finding of any severity (failOnSeverity is info), BUILD SUCCESS, an empty report.
import groovy.json.JsonSlurper

List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
assert !lines.any { findingLine.matcher(it).matches() } : 'no finding lines expected'
assert lines.any { it.startsWith('[INFO] --- workflow:') && it.contains(':check (default) @ chart-production-passes ---') }
assert lines.any { it ==~ /^\[INFO\] workflow-guard: rendered charts\/workflow \(Workflow 2\.19\.4\) with Helm: 6 objects checked in \d+ ms$/ }
// 2 values files + the HPA manifest, and the chart's 19 files; the --set value is not a file.
assert lines.contains('[INFO] workflow-guard: no findings in 3 files and chart charts/workflow (19 files) checked '
        + '(Workflow 2.19.4).')
assert lines.contains('[INFO] BUILD SUCCESS')
assert !lines.any { it.startsWith('[ERROR]') || it.startsWith('[WARNING]') }
// The password from --set is a secret: it is never printed, and a value injected on the command line is not
// reported as committed (committed-secret), while it does replace the chart's "admin" (grafana-default-admin).
assert !lines.any { it.contains('Qx7-rotated-by-CI') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.workflowVersion == '2.19.4'
assert report.failOnSeverity == 'info'
assert report.findings == []
assert report.summary == [error: 0, warning: 0, info: 0, files: 22, chartFiles: 19, fixable: 0, failed: false,
                          suppressed: 0, baselined: 0]
assert !new File(basedir, 'target/workflow/report.json').text.contains('Qx7-rotated-by-CI')
// The password comes with --set: no render of it is kept on disk for the next build.
assert !new File(basedir, 'target/workflow/render-cache').exists()
return true
