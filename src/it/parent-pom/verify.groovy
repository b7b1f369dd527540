// A parent POM binds workflow-guard once; each cluster module inherits it. Findings name files relative to the
// module (values/prod.yaml, not cluster-eu/values/prod.yaml), from the reactor and from `mvn verify` in the module.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
// One chunk per Maven invocation (invoker appends them to the same build.log).
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def findings = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect { "${it.group(2)} ${it.group(3)} ${it.group(5)}".toString() }
}
List<String> expected = [
    'values/prod.yaml:10:19 error storage-placeholder',   //   builder_bucket: "your-builder-bucket-name"
    'values/prod.yaml:17:20 error grafana-signup',        //     allow_sign_up: yes
]
String summary = '[ERROR] workflow-guard: 2 errors, 0 warnings, 0 info in 3 files checked (Workflow 2.19.0). ' +
        '1 finding can be corrected in the values files with `mvn workflow:fix`.'
String failure = ':check (workflow-guard) on project cluster-eu: workflow-guard: 2 findings at or above error: ' +
        'storage-placeholder (1), grafana-signup (1). See the lines above and target/workflow/report.json.'

// 1: the reactor. The aggregator does not run the check; cluster-us passes, cluster-eu fails.
List<String> reactor = runs[0]
assert reactor.count { it ==~ /^\[INFO\] --- workflow:.*:check \(workflow-guard\) @ .*/ } == 2
assert reactor.any { it ==~ /^\[INFO\] --- workflow:.*:check \(workflow-guard\) @ cluster-us ---$/ }
assert reactor.any { it ==~ /^\[INFO\] --- workflow:.*:check \(workflow-guard\) @ cluster-eu ---$/ }
assert reactor.contains('[INFO] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).')
assert findings(reactor) == expected
assert reactor.contains(summary)
assert reactor.any { it ==~ /^\[INFO\] cluster-us \.+ SUCCESS .*/ }
assert reactor.any { it ==~ /^\[INFO\] cluster-eu \.+ FAILURE .*/ }
assert reactor.contains('[INFO] BUILD FAILURE')
assert reactor.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') && it.contains(failure) }

// 2: `mvn verify` in cluster-eu alone: the same findings, the same relative paths.
List<String> module = runs[1]
assert module.any { it ==~ /^\[INFO\] Building cluster-eu 1\.0-SNAPSHOT.*/ }
assert !module.any { it.contains('cluster-us') }
assert findings(module) == expected
assert module.contains(summary)
assert module.contains('[INFO] BUILD FAILURE')
assert module.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:') && it.contains(failure) }

// Each module writes its own report under its own target/.
assert !new File(basedir, 'target/workflow/report.json').exists()
def us = new JsonSlurper().parse(new File(basedir, 'cluster-us/target/workflow/report.json'))
assert us.findings == []
assert us.summary.failed == false
def eu = new JsonSlurper().parse(new File(basedir, 'cluster-eu/target/workflow/report.json'))
assert eu.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == expected
assert eu.findings*.valuesPath == ['s3.builder_bucket', 'monitor.grafana.allow_sign_up']
assert eu.summary == [error: 2, warning: 0, info: 0, files: 3, fixable: 1, failed: true, suppressed: 0, baselined: 0]
return true
