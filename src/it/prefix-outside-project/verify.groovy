// `mvn workflow:check` where the POM does not declare the plugin: without a pluginGroup Maven knows no `workflow`
// prefix; with the pluginGroup dev.workflowguard in settings.xml it resolves the plugin's latest version and runs it.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

List<String> without = runs[0]
assert without.any { it.contains("No plugin found for prefix 'workflow' in the current project and in the plugin groups") }
assert !without.any { it.contains('--- workflow:') }

List<String> with = runs[1]
assert !with.any { it.contains('No plugin found for prefix') }
assert with.any { it ==~ /^\[INFO\] --- workflow:\S+:check \(default-cli\) @ prefix-outside-project ---$/ }
assert with.any { it ==~ /^\[ERROR\] values\.yaml:2:22: error: controller\.registration_mode is "enabled": .*\[open-registration\]$/ }
assert with.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') &&
        it.contains(':check (default-cli) on project prefix-outside-project: workflow-guard: ') }
return true
