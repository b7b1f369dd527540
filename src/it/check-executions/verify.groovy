// Two check executions in one POM (staging values, which never fail the build, and production values) keep their own
// reports and up-to-date records, and say where; `mvn workflow:check` (default-cli) keeps target/workflow; and
// `mvn workflow:check@staging` runs the staging execution, repeating its outcome from its own record.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 4

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): .+ \[([a-z-]+)\]$/
/** What one execution printed: the lines after its "--- workflow:check (id) ---" header, up to the next header. */
def execution = { List<String> lines, String id ->
    int start = lines.findIndexOf { it ==~ /^\[INFO\] --- workflow:.*:check \($id\) @ check-executions ---$/ }
    assert start >= 0 : "no execution $id"
    List<String> rest = lines.drop(start + 1)
    int end = rest.findIndexOf { it.startsWith('[INFO] ---') }
    rest.take(end < 0 ? rest.size() : end).findAll { it.startsWith('[INFO] workflow-guard: ') || findingLine.matcher(it).matches() }
}
String stagingFolder = '[INFO] workflow-guard: execution staging writes its reports to target/workflow/staging (each check ' +
        'execution of this POM has its own folder)'
String productionFolder = '[INFO] workflow-guard: execution production writes its reports to target/workflow/production (each ' +
        'check execution of this POM has its own folder)'
def repeated = { String folder -> "[INFO] workflow-guard: nothing changed since the last check; its outcome is repeated " +
        "(target/workflow/$folder/check-record.txt; -Dworkflow.upToDateChecking=false checks again)".toString() }
List<String> stagingOutcome = [
    '[ERROR] values/staging.yaml:13:22: error: controller.registration_mode is "enabled": anyone who can reach the controller ' +
            'URL can register an account and deploy apps; use admin_only (or disabled once the admin has registered) [open-registration]',
    '[ERROR] values/staging.yaml:17:20: error: monitor.grafana.allow_sign_up is yes (Helm reads it as true): anyone who ' +
            'reaches Grafana can create an account and read the cluster\'s dashboards; set it to "false" [grafana-signup]',
    '[INFO] workflow-guard: 2 errors, 0 warnings, 0 info in 3 files checked (Workflow 2.19.0). 2 findings can be corrected ' +
            'in the values files with `mvn workflow:fix`.']
String productionOutcome = '[INFO] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).'

// ---- 1: both executions check, each into its own folder, and say so first.
assert execution(runs[0], 'staging') == [stagingFolder] + stagingOutcome
assert execution(runs[0], 'production') == [productionFolder, productionOutcome]
assert runs[0].contains('[INFO] BUILD SUCCESS')

// ---- 2: nothing changed: each repeats its own outcome from its own record (neither overwrote the other's).
assert execution(runs[1], 'staging') == [stagingFolder, repeated('staging')] + stagingOutcome
assert execution(runs[1], 'production') == [productionFolder, repeated('production'), productionOutcome]

// ---- 3: mvn workflow:check: the plugin-level configuration (production values), in target/workflow.
assert execution(runs[2], 'default-cli') == [productionOutcome]

// ---- 4: mvn workflow:check@staging: the staging execution's configuration and record.
assert execution(runs[3], 'staging') == [stagingFolder, repeated('staging')] + stagingOutcome

// The reports: one folder per execution; the default one in target/workflow.
File workflow = new File(basedir, 'target/workflow')
assert workflow.list().sort() == ['check-record.txt', 'production', 'report.json', 'staging']
['staging', 'production'].each { assert new File(workflow, it).list().sort() == ['check-record.txt', 'report.json'] }
def staging = new JsonSlurper().parse(new File(workflow, 'staging/report.json'))
assert staging.failOnSeverity == 'none'
assert staging.findings*.rule == ['open-registration', 'grafana-signup']
assert staging.findings*.file.unique() == ['values/staging.yaml']
assert staging.summary.failed == false
def production = new JsonSlurper().parse(new File(workflow, 'production/report.json'))
assert production.failOnSeverity == 'error'
assert production.findings == []
assert new JsonSlurper().parse(new File(workflow, 'report.json')).findings == []
return true
