// The plugin bound with neither valuesFiles, manifests nor a chart: a configuration error that says how to configure it.
List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

assert lines.contains('[INFO] BUILD FAILURE')
assert !lines.contains('[INFO] BUILD SUCCESS')
assert !lines.any { it.contains('no findings') }
String error = lines.find { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') }
assert error != null
assert error.contains(':check (default) on project no-configuration: nothing to check: ' +
        'configure the Helm values files with <valuesFiles> (or -Dworkflow.values=values.yaml,prod.yaml), ' +
        'rendered manifests with <manifests> (or -Dworkflow.manifests=rendered/), ' +
        'and/or the chart to render with <chart> (or -Dworkflow.chart=charts/workflow) ' +
        '[parameter valuesFiles / workflow.values, manifests / workflow.manifests]')
// A configuration error, not findings: MojoExecutionException, and no report.
assert lines.contains('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException')
assert !lines.any { it.contains('Exception:') || it ==~ /^\s+at .*/ }
assert !new File(basedir, 'target/workflow/report.json').exists()
return true
