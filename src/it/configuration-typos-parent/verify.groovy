// A parameter misspelled in the parent's pluginManagement (only its case: Maven's names are case-sensitive) is
// reported by the module's check at the parent's line, relative to the module.
List<String> lines = new File(basedir, 'build.log').readLines('UTF-8')
List<String> ours = lines.findAll { it.startsWith('[WARNING] workflow-guard: ') }
assert ours == [
    '[WARNING] workflow-guard: ../pom.xml:28:13: <workflowversion> is not a parameter of workflow:check: Maven ignores '
        + 'it, and the goal runs as if it were not there; did you mean <workflowVersion>?',
] : ours.join('\n')
// The typo matters: without a version the check says so.
assert lines.any { it.contains('the Workflow version is not configured') }
assert lines.contains('[INFO] BUILD SUCCESS')
return true
