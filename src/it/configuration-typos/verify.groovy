// A misspelled parameter is named, where it is written and what was probably meant, on every Maven version (Maven
// 3.8 drops it without a word; 3.9 prints its own warning without the suggestion or the line). The typo matters:
// without a version, an unset registration_mode is a warning asking to set it instead of Workflow 2.10's error.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3

List<String> first = runs[0]
List<String> ours = first.findAll { it.startsWith('[WARNING] workflow-guard: pom.xml:') }
assert ours == [
    '[WARNING] workflow-guard: pom.xml:20:11: <workflowVerison> is not a parameter of workflow:check: Maven ignores '
        + 'it, and the goal runs as if it were not there; did you mean <workflowVersion>?',
    '[WARNING] workflow-guard: pom.xml:32:15: <storage> is a parameter of workflow:fix, not of workflow:check: '
        + 'inside this <execution> Maven ignores it',
] : ours.join('\n')
// The warnings come before the check's own output.
assert first.findIndexOf { it.contains('<workflowVerison>') } < first.findIndexOf { it.contains('[open-registration]') }
assert first.any { it ==~ /^\[WARNING\] values\.yaml:\d+:\d+: warning: controller\.registration_mode is not set.*\[open-registration\]$/ }
assert first.contains('[INFO] BUILD SUCCESS')

List<String> second = runs[1]
assert second.count { it.contains('<workflowVerison> is not a parameter of workflow:check') } == 1
assert second.any {
    it.startsWith('[ERROR] Failed to execute goal ') && it.contains("'grafana-sigup' is not a rule id (did you mean "
            + "'grafana-signup'?); known rules: minio-storage, ")
} : second.findAll { it.startsWith('[ERROR]') }.join('\n')
assert second.contains('[INFO] BUILD FAILURE')

// Maven passes any -D on without a word: a misspelled property is named once, a known one not at all.
List<String> third = runs[2]
assert third.findAll { it.contains('is not a property of workflow-guard') } == [
    '[WARNING] workflow-guard: -Dworkflow.verison is not a property of workflow-guard: Maven passes it on, and no '
        + 'goal reads it; did you mean -Dworkflow.version?',
] : third.findAll { it.contains('-Dworkflow') }.join('\n')
assert third.contains('[INFO] BUILD SUCCESS')
return true
