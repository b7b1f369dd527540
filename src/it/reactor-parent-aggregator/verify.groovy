// README's parent POM setup with a parent that is also the aggregator: the root configures and binds workflow-guard in
// <pluginManagement>, each cluster declares it. `mvn verify` and the goals typed at the root (check, with fail-fast,
// -fae and -pl; fix; baseline) act on each cluster module, never on the root, which has no values files.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 7

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (?:\[([a-z-]+)\] )?(\S+:\d+:\d+): (error|warning|info): .+ \[([a-z-]+)\]$/
/** The finding lines of one build, as "module file:line:col severity rule" (module empty without a prefix). */
def findings = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }
            .collect { "${it.group(2) ?: ''} ${it.group(3)} ${it.group(4)} ${it.group(5)}".toString().trim() }
}
String eu1 = 'values/production.yaml:10:19 error storage-placeholder'   //   builder_bucket: "your-builder-bucket-name"
String eu2 = 'values/production.yaml:17:20 error grafana-signup'        //     allow_sign_up: yes
String ap1 = 'values/production.yaml:13:22 error open-registration'     //   registration_mode: "enabled"
String euFailure = '2 findings at or above error: storage-placeholder (1), grafana-signup (1). See the lines above and ' +
        'target/workflow/report.json.'
String apFailure = '1 finding at or above error: open-registration (1). See the lines above and target/workflow/report.json.'
String failed = '[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:'
String managesOnly = 'does not run for clusters: it manages the plugin in <pluginManagement> but does not declare it in ' +
        '<build><plugins>.'
def summary = { List<String> lines, String module -> lines.find { it ==~ /^\[INFO\] ${module} \.+ [A-Z]+.*/ }?.replaceAll(/[ .]+/, ' ')?.replaceAll(/ \[.*/, '') }
/** The plugin's goal headers, without the version: "--- workflow:check (default) @ cluster-us ---". */
def goals = { List<String> lines -> lines.findAll { it ==~ /^\[INFO\] --- workflow:.*/ }.collect { it.replaceFirst(/workflow:\S+:/, 'workflow:') } }
def noStackTrace = { List<String> lines -> assert !lines.any { it.contains('Exception:') || it ==~ /^\s+at .*/ } }

// ---- 1: mvn verify. The root only manages the plugin: no check there; fail-fast stops after cluster-eu.
List<String> verify = runs[0]
assert goals(verify) == ['[INFO] --- workflow:check (default) @ cluster-us ---',
                         '[INFO] --- workflow:check (default) @ cluster-eu ---']
assert findings(verify) == [eu1, eu2]
assert summary(verify, 'clusters') == '[INFO] clusters SUCCESS'
assert summary(verify, 'cluster-eu') == '[INFO] cluster-eu FAILURE'
assert summary(verify, 'cluster-ap') == '[INFO] cluster-ap SKIPPED'
assert verify.any { it.startsWith(failed) && it.contains(':check (default) on project cluster-eu: workflow-guard: ' + euFailure) }

// ---- 2: mvn workflow:check at the root, fail-fast: one execution at the root runs the check for each cluster.
List<String> check = runs[1]
assert goals(check) == ['[INFO] --- workflow:check (default-cli) @ clusters ---']
assert check.contains('[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-us, ' +
        'cluster-eu, cluster-ap. Maven\'s reactor summary lists them as SKIPPED because they are handled within this ' +
        'execution, at clusters.')
assert check.contains('[INFO] workflow-guard: workflow:check ' + managesOnly)
// cluster-us and cluster-eu are as invocation 1 left them: their outcome is repeated from the record (same folder).
assert check.contains('[INFO] [cluster-us] workflow-guard: nothing changed since the last check; its outcome is repeated ' +
        '(target/workflow/check-record.txt; -Dworkflow.upToDateChecking=false checks again)')
assert check.contains('[INFO] [cluster-us] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).')
assert findings(check) == ["cluster-eu $eu1", "cluster-eu $eu2"]*.toString()
assert check.contains('[ERROR] [cluster-eu] workflow-guard: 2 errors, 0 warnings, 0 info in 3 files checked (Workflow 2.19.0). ' +
        '1 finding can be corrected in the values files with `mvn workflow:fix`.')
assert check.contains('[ERROR] [cluster-eu] workflow-guard: ' + euFailure)
assert !check.any { it.contains('[cluster-ap]') }
assert check.contains('[ERROR] workflow-guard: workflow:check did not run for cluster-ap: the build stops at the first failing ' +
        'module (with -fae, --fail-at-end, every module runs).')
String last = check.find { it.startsWith('[ERROR] workflow-guard: workflow:check: ') }
assert last == '[ERROR] workflow-guard: workflow:check: cluster-us passed, cluster-eu failed, cluster-ap not run.'
List<String> goalLines = check.subList(check.findIndexOf { it.startsWith('[INFO] --- workflow:') } + 1,
        check.findIndexOf { it.startsWith('[INFO] Reactor Summary') }).findAll { !(it ==~ /^\[INFO\] [-]*$/) }
assert goalLines.last() == last : 'the summary is the last line of the goal'
assert goalLines.every { it ==~ /^\[(INFO|WARNING|ERROR)\] (\[cluster-(us|eu)\] )?workflow-guard: .*/ || findingLine.matcher(it).matches() } :
        'every line of a module says which module it is about'
assert summary(check, 'clusters') == '[INFO] clusters FAILURE'
['cluster-us', 'cluster-eu', 'cluster-ap'].each { assert summary(check, it) == "[INFO] $it SKIPPED".toString() }
assert check.any { it.startsWith(failed) && it.contains(':check (default-cli) on project clusters: workflow-guard: ' +
        'workflow:check failed for 1 of 3 modules: cluster-eu: ' + euFailure) }
noStackTrace(check)

// ---- 3: -fae: every cluster is checked; the failure names both failed ones.
List<String> fae = runs[2]
assert findings(fae) == ["cluster-eu $eu1", "cluster-eu $eu2", "cluster-ap $ap1"]*.toString()
assert fae.contains('[ERROR] [cluster-ap] workflow-guard: ' + apFailure)
assert !fae.any { it.contains('did not run') }
assert fae.contains('[ERROR] workflow-guard: workflow:check: cluster-us passed, cluster-eu failed, cluster-ap failed.')
assert fae.any { it.startsWith(failed) && it.contains('workflow-guard: workflow:check failed for 2 of 3 modules: cluster-eu: ' +
        euFailure + ' cluster-ap: ' + apFailure) }
noStackTrace(fae)

// ---- 4: -pl cluster-us -pl cluster-ap: both are checked (Maven runs the goal at cluster-us, the first of them).
List<String> pl = runs[3]
assert goals(pl) == ['[INFO] --- workflow:check (default-cli) @ cluster-us ---']
assert pl.contains('[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-us, ' +
        'cluster-ap. Maven\'s reactor summary lists cluster-ap as SKIPPED because it is handled within this execution, at cluster-us.')
assert findings(pl) == ["cluster-ap $ap1"]*.toString()
assert !pl.any { it.contains('cluster-eu') || it.contains('clusters') && !it.contains('reactor-parent-aggregator') }
assert pl.contains('[ERROR] workflow-guard: workflow:check: cluster-us passed, cluster-ap failed.')
assert pl.any { it.startsWith(failed) && it.contains('workflow-guard: workflow:check failed for 1 of 2 modules: cluster-ap: ' + apFailure) }

// ---- 5: mvn workflow:fix at the root fixes each cluster's values.
List<String> fix = runs[4]
assert fix.contains('[INFO] workflow-guard: workflow:fix ' + managesOnly)
assert fix.contains('[INFO] [cluster-us] workflow-guard fix: nothing to fix; every correction workflow-guard can make is already in place.')
assert fix.contains('[INFO] [cluster-eu] values/production.yaml: monitor.grafana.allow_sign_up set to "false" [grafana-signup]')
assert fix.contains('[INFO] [cluster-eu] workflow-guard fix: changed 1 file (1 value).')
assert fix.contains('[INFO] [cluster-ap] values/production.yaml: controller.registration_mode set to admin_only [open-registration]')
assert fix.contains('[INFO] [cluster-ap] workflow-guard: nothing remains; `mvn workflow:check` passes.')
assert findings(fix) == ["cluster-eu $eu1"]*.toString()       // what remains for a person
assert fix.contains('[INFO] workflow-guard: workflow:fix: cluster-us done, cluster-eu done, cluster-ap done.')
assert fix.contains('[INFO] BUILD SUCCESS')
File source = new File(basedir, "../../../src/it/${basedir.name}").canonicalFile
def values = { String module -> new File(basedir, "$module/values/production.yaml").getText('UTF-8') }
def committed = { String module -> new File(source, "$module/values/production.yaml").getText('UTF-8') }
assert values('cluster-us') == committed('cluster-us')
assert values('cluster-eu') == committed('cluster-eu').replace('allow_sign_up: yes', 'allow_sign_up: "false"')
assert values('cluster-ap') == committed('cluster-ap').replace('registration_mode: "enabled"', 'registration_mode: "admin_only"')

// ---- 6: mvn workflow:baseline at the root writes each cluster's baseline.
List<String> baseline = runs[5]
assert baseline.contains('[INFO] workflow-guard: workflow:baseline ' + managesOnly)
['cluster-us': 0, 'cluster-eu': 1, 'cluster-ap': 0].each { module, count ->
    assert baseline.any { it.startsWith("[INFO] [$module] workflow-guard: wrote $count ${count == 1 ? "finding" : "findings"} to workflow-baseline.json") }
    def written = new JsonSlurper().parse(new File(basedir, "$module/workflow-baseline.json"))
    assert written.findings*.rule == (count == 0 ? [] : ['storage-placeholder'])
}
assert !new File(basedir, 'workflow-baseline.json').exists()
assert baseline.contains('[INFO] workflow-guard: workflow:baseline: cluster-us done, cluster-eu done, cluster-ap done.')

// ---- 7: mvn verify against each cluster's baseline passes.
List<String> after = runs[6]
assert findings(after).isEmpty()
assert after.contains('[INFO] workflow-guard: 1 finding accepted by the baseline workflow-baseline.json')
['clusters', 'cluster-us', 'cluster-eu', 'cluster-ap'].each { assert summary(after, it) == "[INFO] $it SUCCESS".toString() }

// Reports are each module's; the root writes none.
assert !new File(basedir, 'target/workflow').exists()
['cluster-us', 'cluster-eu', 'cluster-ap'].each {
    def report = new JsonSlurper().parse(new File(basedir, "$it/target/workflow/report.json"))
    assert report.summary.failed == false
}
return true
