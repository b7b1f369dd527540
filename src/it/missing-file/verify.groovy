// A configured values file that does not exist: the error starts where the POM names it, and names the file as
// configured, where it was looked for, and the parameter.
List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')

assert lines.contains('[INFO] BUILD FAILURE')
String error = lines.find { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') }
assert error != null
String looked = new File(basedir, 'values/prod.yaml').canonicalPath
// It starts where the POM names the file (pom.xml line 22, column 13: <valuesFile>values/prod.yaml</valuesFile>).
assert error.contains(":check (default) on project missing-file: pom.xml:22:13: values/prod.yaml does not exist " +
        "(looked for $looked) [parameter valuesFiles / workflow.values]")
assert lines.contains('[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException')
assert !lines.any { it.contains('Exception:') || it ==~ /^\s+at .*/ }
// The file that exists is not the one blamed, and no partial check ran.
assert !lines.any { it.contains('values/base.yaml') }
assert !lines.any { it ==~ /^\[(ERROR|WARNING|INFO)\] \S+:\d+:\d+: (error|warning|info): .*/ }
assert !new File(basedir, 'target/workflow/report.json').exists()
return true
