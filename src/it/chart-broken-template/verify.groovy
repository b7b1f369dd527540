// A chart that Helm cannot render fails the build with one line: the template's file:line[:col] in the project,
// Helm's own message (with Helm's name for the template), and the parameter the chart came through. No stack trace,
// no Helm CLI advice, no findings, no report; workflow:fix fails the same way and writes nothing.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<String> lines = text.readLines()
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3

String failed = '[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:'
def failure = { List<String> run, String goal ->
    assert run.contains('[INFO] BUILD FAILURE')
    List<String> goalFailures = run.findAll { it.startsWith(failed) }
    assert goalFailures.size() == 1
    String line = goalFailures[0]
    String prefix = ":${goal} on project chart-broken-template: "
    assert line.contains(prefix)
    line.substring(line.indexOf(prefix) + prefix.length())
}

// ---- 1: {{- if .Values.host_port.enabled.nope }} at router-deployment.yaml:34:28 (execution error)
String exec = 'charts/workflow/charts/router/templates/router-deployment.yaml:34:28: charts/workflow does not render: ' +
        'template: workflow/charts/router/templates/router-deployment.yaml:34:28: executing ' +
        '"workflow/charts/router/templates/router-deployment.yaml" at <.Values.host_port.enabled.nope>: ' +
        "can't evaluate field nope in type interface {} [parameter chart / workflow.chart] -> [Help 1]"
assert failure(runs[0], 'check (default)') == exec
// Line 34 is the broken one (the column is Helm's own count, passed on as Helm gives it).
assert new File(basedir, 'charts/workflow/charts/router/templates/router-deployment.yaml').readLines()[33] ==
        '              {{- if .Values.host_port.enabled.nope }}'

// ---- 2: `{{ .Values.docker_tag` left open on line 8; Go's parser stops at the next `{{` on line 9 (parse error)
assert failure(runs[1], 'check (default)') == 'syntax-error/workflow/charts/router/templates/router-deployment.yaml:9: ' +
        'syntax-error/workflow does not render: parse error at (workflow/charts/router/templates/router-deployment.yaml:9): ' +
        'unexpected "{" in operand [parameter chart / workflow.chart] -> [Help 1]'

// ---- 3: workflow:fix on the chart of 1
assert failure(runs[2], 'fix (default-cli)') == exec
assert !runs[2].any { it.contains(' set to ') || it.contains('workflow-guard fix:') }
assert new File(basedir, 'values/values.yaml').bytes == new File(basedir, 'original/values.yaml').bytes

// No stack trace (not the plugin's, not helm-java's, not one printed by a JVM shutdown hook), no CLI advice.
assert !lines.any { it ==~ /^\s+at [\w$.\/]+\(.*\)$/ || it.startsWith('Caused by') || it.contains('\tat ') }
// (Maven's own footer links to .../MojoExecutionException, the kind of failure it is: that line is not a trace.)
assert !lines.findAll { !it.startsWith('[ERROR] [Help 1] http') }.any {
    it.contains('Exception') || it.contains('Error:') || it.contains('NoClassDefFoundError') }
assert !lines.any { it.contains('--debug') }
// Nothing was checked, so nothing is reported.
assert !lines.any { it ==~ /^\[(ERROR|WARNING|INFO)\] \S+:\d+:\d+: (error|warning|info): .*/ }
assert !lines.any { it.contains('workflow-guard: rendered') }
assert !new File(basedir, 'target/workflow/report.json').exists()
return true
