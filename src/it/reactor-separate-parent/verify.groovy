// README's parent POM setup with a parent apart from the aggregator: the parent configures and binds workflow-guard in
// <pluginManagement>, each cluster declares it, and the aggregator (not a child of the parent) manages the plugin's
// coordinates so that the workflow: prefix resolves at the root. `mvn verify` and the goals typed at the root (check
// with -fn and with -T 2 -pl; fix; baseline; skip) act on each cluster, never on the parent or the aggregator.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 8

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (?:\[([a-z-]+)\] )?(\S+:\d+:\d+): (error|warning|info): .+ \[([a-z-]+)\]$/
/** The finding lines of one build, as "module file:line:col severity rule" (no module without a prefix). */
def findings = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }
            .collect { "${it.group(2) ?: ''} ${it.group(3)} ${it.group(4)} ${it.group(5)}".toString().trim() }
}
/** The plugin's goal headers, without the version: "--- workflow:check (default) @ cluster-us ---". */
def goals = { List<String> lines -> lines.findAll { it ==~ /^\[INFO\] --- workflow:.*/ }.collect { it.replaceFirst(/workflow:\S+:/, 'workflow:') } }
def summary = { List<String> lines, String module -> lines.find { it ==~ /^\[INFO\] ${module} \.+ [A-Z]+.*/ }?.replaceAll(/[ .]+/, ' ')?.replaceAll(/ \[.*/, '') }
String eu1 = 'values/production.yaml:10:19 error storage-placeholder'   //   builder_bucket: "your-builder-bucket-name"
String eu2 = 'values/production.yaml:17:20 error grafana-signup'        //     allow_sign_up: yes
String euFailure = '2 findings at or above error: storage-placeholder (1), grafana-signup (1). See the lines above and ' +
        'target/workflow/report.json.'
String failed = '[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:'
def managesOnly = { String goal, String project -> ("[INFO] workflow-guard: workflow:$goal does not run for $project: it " +
        'manages the plugin in <pluginManagement> but does not declare it in <build><plugins>.').toString() }

// ---- 1: mvn -fae verify: only the clusters are checked.
List<String> verify = runs[0]
assert goals(verify) == ['[INFO] --- workflow:check (default) @ cluster-us ---', '[INFO] --- workflow:check (default) @ cluster-eu ---']
assert findings(verify) == [eu1, eu2]
assert summary(verify, 'cluster-parent') == '[INFO] cluster-parent SUCCESS'
assert summary(verify, 'cluster-us') == '[INFO] cluster-us SUCCESS'
assert summary(verify, 'cluster-eu') == '[INFO] cluster-eu FAILURE'
assert summary(verify, 'clusters') == '[INFO] clusters SUCCESS'
assert verify.any { it.startsWith(failed) && it.contains(':check (default) on project cluster-eu: workflow-guard: ' + euFailure) }

// ---- 2: mvn workflow:check at the aggregator.
List<String> check = runs[1]
assert goals(check) == ['[INFO] --- workflow:check (default-cli) @ clusters ---']
assert check.contains('[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-us, ' +
        'cluster-eu. Maven\'s reactor summary lists them as SKIPPED because they are handled within this execution, at clusters.')
assert check.contains(managesOnly('check', 'cluster-parent'))
assert check.contains(managesOnly('check', 'clusters'))
assert check.contains('[INFO] [cluster-us] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).')
assert findings(check) == ["cluster-eu $eu1", "cluster-eu $eu2"]*.toString()
assert check.contains('[ERROR] [cluster-eu] workflow-guard: ' + euFailure)
assert check.contains('[ERROR] workflow-guard: workflow:check: cluster-us passed, cluster-eu failed.')
['cluster-parent', 'cluster-us', 'cluster-eu'].each { assert summary(check, it) == "[INFO] $it SKIPPED".toString() }
assert summary(check, 'clusters') == '[INFO] clusters FAILURE'
assert check.any { it.startsWith(failed) && it.contains(':check (default-cli) on project clusters: workflow-guard: ' +
        'workflow:check failed for 1 of 2 modules: cluster-eu: ' + euFailure) }

// ---- 3: -fn: the same check; the failure is logged, the build passes.
List<String> never = runs[2]
assert findings(never) == ["cluster-eu $eu1", "cluster-eu $eu2"]*.toString()
assert never.contains('[ERROR] [cluster-eu] workflow-guard: ' + euFailure)
assert never.contains('[ERROR] workflow-guard: workflow:check: cluster-us passed, cluster-eu failed.')
assert !never.any { it.startsWith(failed) }
assert never.contains('[INFO] BUILD SUCCESS')

// ---- 4: -T 2 -pl cluster-eu -pl cluster-us, checked again (not from the record): both clusters at once.
List<String> parallel = runs[3]
assert parallel.contains('[INFO] Using the MultiThreadedBuilder implementation with a thread count of 2')
assert goals(parallel) == ['[INFO] --- workflow:check (default-cli) @ cluster-us ---']
assert parallel.contains('[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-us, ' +
        'cluster-eu (2 at a time). Maven\'s reactor summary lists cluster-eu as SKIPPED because it is handled within this ' +
        'execution, at cluster-us.')
assert !parallel.any { it.contains('nothing changed') }
// The modules' lines may interleave: each says which module it is about.
assert findings(parallel).sort() == ["cluster-eu $eu1", "cluster-eu $eu2"]*.toString().sort()
assert parallel.contains('[INFO] [cluster-us] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).')
assert parallel.contains('[ERROR] workflow-guard: workflow:check: cluster-us passed, cluster-eu failed.')
assert !parallel.any { it.toLowerCase().contains('thread-safe') }
assert parallel.any { it.startsWith(failed) && it.contains('workflow:check failed for 1 of 2 modules: cluster-eu: ' + euFailure) }

// ---- 5: mvn workflow:fix at the aggregator.
List<String> fix = runs[4]
assert fix.contains(managesOnly('fix', 'cluster-parent'))
assert fix.contains('[INFO] [cluster-eu] values/production.yaml: monitor.grafana.allow_sign_up set to "false" [grafana-signup]')
assert fix.contains('[INFO] workflow-guard: workflow:fix: cluster-us done, cluster-eu done.')
File source = new File(basedir, "../../../src/it/${basedir.name}").canonicalFile
def values = { String module -> new File(basedir, "$module/values/production.yaml").getText('UTF-8') }
def committed = { String module -> new File(source, "$module/values/production.yaml").getText('UTF-8') }
assert values('cluster-us') == committed('cluster-us')
assert values('cluster-eu') == committed('cluster-eu').replace('allow_sign_up: yes', 'allow_sign_up: "false"')

// ---- 6: mvn workflow:baseline at the aggregator.
List<String> baseline = runs[5]
assert baseline.contains(managesOnly('baseline', 'clusters'))
assert baseline.contains('[INFO] workflow-guard: workflow:baseline: cluster-us done, cluster-eu done.')
assert new JsonSlurper().parse(new File(basedir, 'cluster-us/workflow-baseline.json')).findings == []
assert new JsonSlurper().parse(new File(basedir, 'cluster-eu/workflow-baseline.json')).findings*.rule == ['storage-placeholder']
['.', 'parent'].each { assert !new File(basedir, "$it/workflow-baseline.json").exists() }

// ---- 7: mvn verify against the baselines passes.
List<String> after = runs[6]
assert findings(after).isEmpty()
assert after.contains('[INFO] workflow-guard: 1 finding accepted by the baseline workflow-baseline.json')
assert after.contains('[INFO] BUILD SUCCESS')
['.', 'parent'].each { assert !new File(basedir, "$it/target/workflow").exists() }

// ---- 8: each cluster's skip parameter applies to its own run; the summary says each was skipped.
List<String> skipped = runs[7]
assert skipped.contains('[INFO] [cluster-us] workflow-guard: check skipped')
assert skipped.contains('[INFO] [cluster-eu] workflow-guard: check skipped')
assert skipped.contains('[INFO] workflow-guard: workflow:check: cluster-us skipped, cluster-eu skipped.')
assert skipped.contains('[INFO] BUILD SUCCESS')
runs.each { List<String> lines -> assert !lines.any { it.contains('Exception:') || it ==~ /^\s+at .*/ } }
return true
