// A chart that renders no Kubernetes object with the given values is an error naming the chart and its parameter:
// never "no findings", never BUILD SUCCESS, whether Helm's output is empty or holds only a comment.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<String> lines = text.readLines()
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

def failure = { List<String> run ->
    assert run.contains('[INFO] BUILD FAILURE')
    List<String> goalFailures = run.findAll { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') }
    assert goalFailures.size() == 1
    String prefix = ':check (default-cli) on project chart-renders-nothing: '
    assert goalFailures[0].contains(prefix)
    goalFailures[0].substring(goalFailures[0].indexOf(prefix) + prefix.length())
}

// ---- 1: empty output
assert failure(runs[0]) == 'charts/native-ingress/workflow renders nothing with these values; a chart that renders no ' +
        'objects cannot be checked [parameter chart / workflow.chart] -> [Help 1]'

// ---- 2: only the licence comment is rendered
assert failure(runs[1]) == 'charts/licence-header/workflow renders no Kubernetes objects with these values (only ' +
        'comments or empty documents); a chart that renders no objects cannot be checked [parameter chart / ' +
        'workflow.chart] -> [Help 1]'

assert !lines.any { it.contains('BUILD SUCCESS') || it.contains('no findings') || it.contains('0 objects checked') }
assert !lines.any { it ==~ /^\[(ERROR|WARNING|INFO)\] \S+:\d+:\d+: (error|warning|info): .*/ }
assert !lines.findAll { !it.startsWith('[ERROR] [Help 1] http') }.any { it.contains('Exception') || it.contains('\tat ') }
assert !new File(basedir, 'target/workflow/report.json').exists()
return true
