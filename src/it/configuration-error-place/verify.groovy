// A mistyped rule id in <disabledRules>: the build fails with an error that starts at the POM line naming it, as
// every other message starts at the line to change, and says which rule was probably meant.
List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
String error = lines.find { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') }
assert error != null : lines.findAll { it.startsWith('[ERROR]') }.join('\n')
assert error.contains(":check (default) on project configuration-error-place: pom.xml:25:13: 'grafana-sigup' is not a " +
        "rule id (did you mean 'grafana-signup'?)") : error
assert error.contains('[parameter disabledRules / workflow.disabledRules]') : error
assert lines.contains('[INFO] BUILD FAILURE')
return true
