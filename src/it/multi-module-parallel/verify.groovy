// Three cluster modules inheriting workflow-guard from one parent, built with `mvn -T 2 --fail-at-end verify`:
// - the plugin's goals are thread-safe: Maven warns about no plugin, and runs the modules two at a time; cluster-b and
//   cluster-c render the Workflow chart with Helm in-process, concurrently, in the same JVM;
// - cluster-b fails on its three errors, cluster-a and cluster-c pass (c has a warning; both commit a
//   HorizontalPodAutoscaler that answers single-router);
// - each module writes its own four reports, with its own findings only: report.json, JUnit (paths relative to the
//   module, as in the log), SARIF (paths from the repository root, so the module folder comes first);
// - under GitHub Actions (invocation 2), the workflow commands also name files from the repository root, one per line,
//   which keeps them attributable although the modules' log lines interleave.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> all = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert all.size() == 3
List<List<String>> runs = all.take(2)     // mvn -T 2 verify
List<String> typed = all[2]              // mvn -T 2 <plugin>:check at the root
// The first build renders the chart in both chart modules, two at a time.
assert runs[0].count { it ==~ /^\[INFO\] workflow-guard: rendered charts\/workflow \(Workflow 2\.19\.4\) with Helm: 6 objects checked in \d+ ms$/ } == 2

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def logged = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect { "${it.group(2)} ${it.group(3)} ${it.group(5)}".toString() }
}
Map<String, List<String>> expected = [
    'cluster-a': [],
    'cluster-b': ['charts/workflow/charts/router/templates/router-deployment.yaml:13:3 error single-router', // replicas: 1
                  'values/values.yaml:13:22 error open-registration',     //   registration_mode: "enabled"
                  'values/values.yaml:17:20 error grafana-signup'],       //     allow_sign_up: "true"
    'cluster-c': ['values/values.yaml:22:3 warning tls-legacy-protocols'], //   deployment_annotations: (no ssl.protocols)
]

runs.each { List<String> lines ->
    assert lines.contains('[INFO] Using the MultiThreadedBuilder implementation with a thread count of 2')
    // No "not marked as thread-safe" warning, nor any other: the only warnings are cluster-c's finding.
    assert !lines.any { it.toLowerCase().contains('thread-safe') || it.contains('threadSafe') }
    assert lines.findAll { it.startsWith('[WARNING]') } == lines.findAll { it.startsWith('[WARNING] values/values.yaml:22:3: warning: ') }
    assert lines.findAll { it.startsWith('[WARNING]') }.size() == 1
    assert lines.count { it ==~ /^\[INFO\] --- workflow:.*:check \(workflow-guard\) @ cluster-[abc] ---$/ } == 3
    assert !lines.any { it ==~ /^\[INFO\] --- workflow:.*@ clusters ---$/ }   // the aggregator does not run the check
    // The modules' lines interleave (two run at once): compare as sets, and attribute through the reports below.
    assert logged(lines).sort() == expected.values().flatten().sort()
    assert lines.contains('[INFO] workflow-guard: no findings in 2 files checked (Workflow 2.19.0).')
    assert lines.contains('[ERROR] workflow-guard: 3 errors, 0 warnings, 0 info in 1 file and chart charts/workflow (19 files) checked (Workflow 2.19.4). '
            + '2 findings can be corrected in the values files with `mvn workflow:fix`.')
    assert lines.contains('[INFO] workflow-guard: 0 errors, 1 warning, 0 info in 2 files and chart charts/workflow (19 files) checked (Workflow 2.19.4). '
            + '1 finding can be corrected in the values files with `mvn workflow:fix`.')
    // The second build reads the renders the first kept in target/workflow/render-cache.
    assert lines.count { it ==~ /^\[INFO\] workflow-guard: rendered charts\/workflow \(Workflow 2\.19\.4\) with Helm: 6 objects checked (in \d+ ms|\(render reused\))$/ } == 2
    assert lines.any { it ==~ /^\[INFO\] cluster-a \.+ SUCCESS .*/ }
    assert lines.any { it ==~ /^\[INFO\] cluster-b \.+ FAILURE .*/ }
    assert lines.any { it ==~ /^\[INFO\] cluster-c \.+ SUCCESS .*/ }
    assert lines.contains('[INFO] BUILD FAILURE')
    assert lines.findAll { it.startsWith('[ERROR] Failed to execute goal ') }.size() == 1
    assert lines.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:')
            && it.contains(':check (workflow-guard) on project cluster-b: workflow-guard: 3 findings at or above error: '
            + 'single-router (1), open-registration (1), grafana-signup (1). See the lines above and target/workflow/report.json.') }
    assert !lines.any { it.contains('Exception:') || it ==~ /^\s+at .*/ }   // no stack trace
}

// ---- The check typed at the root: one execution there runs it for each cluster (each inherits the plugin from the
// parent's <build><plugins>), two at a time, on their own threads; their lines interleave, each prefixed by its module.
assert typed.contains('[INFO] Using the MultiThreadedBuilder implementation with a thread count of 2')
assert typed.count { it ==~ /^\[INFO\] --- workflow:.*:check \(default-cli\) @ clusters ---$/ } == 1
assert !typed.any { it ==~ /^\[INFO\] --- workflow:.*@ cluster-[abc] ---$/ }
assert typed.contains('[INFO] workflow-guard: workflow:check runs for each module that declares the plugin: cluster-a, '
        + 'cluster-b, cluster-c (2 at a time). Maven\'s reactor summary lists them as SKIPPED because they are handled '
        + 'within this execution, at clusters.')
assert typed.contains('[INFO] workflow-guard: workflow:check does not run for clusters: it does not use the plugin.')
def prefixed = ~/^\[(ERROR|WARNING|INFO)\] \[(cluster-[abc])\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
Map<String, List<String>> byModule = typed.collect { prefixed.matcher(it) }.findAll { it.matches() }
        .groupBy { it.group(2) }.collectEntries { module, ms -> [module, ms.collect { "${it.group(3)} ${it.group(4)} ${it.group(6)}".toString() }] }
assert byModule == expected.findAll { module, findings -> !findings.isEmpty() }
assert typed.contains('[INFO] [cluster-a] workflow-guard: no findings in 2 files checked (Workflow 2.19.0).')
assert typed.contains('[ERROR] [cluster-b] workflow-guard: 3 findings at or above error: single-router (1), '
        + 'open-registration (1), grafana-signup (1). See the lines above and target/workflow/report.json.')
assert typed.count { it ==~ /^\[INFO\] \[cluster-[bc]\] workflow-guard: rendered charts\/workflow \(Workflow 2\.19\.4\) with Helm: 6 objects checked (in \d+ ms|\(render reused\))$/ } == 2
assert typed.contains('[ERROR] workflow-guard: workflow:check: cluster-a passed, cluster-b failed, cluster-c passed.')
assert !typed.any { it.toLowerCase().contains('thread-safe') }
assert typed.findAll { it.startsWith('[ERROR] Failed to execute goal ') }.size() == 1
assert typed.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:')
        && it.contains(':check (default-cli) on project clusters: workflow-guard: workflow:check failed for 1 of 3 modules: '
        + 'cluster-b: 3 findings at or above error: single-router (1), open-registration (1), grafana-signup (1). See the '
        + 'lines above and target/workflow/report.json.') }
assert !typed.any { it.contains('Exception:') || it ==~ /^\s+at .*/ }

// Each module: its own reports, its own findings.
assert !new File(basedir, 'target/workflow').exists()
expected.each { String module, List<String> findings ->
    File dir = new File(basedir, "$module/target/workflow")
    // Every module keeps an up-to-date record; the modules that render the chart keep their renders too.
    List<String> written = ['TEST-workflow-guard.xml', 'check-record.txt', 'report.html', 'report.json', 'report.sarif']
    assert dir.list().sort() == (module == 'cluster-a' ? written : written + 'render-cache').sort()

    def report = new JsonSlurper().parse(new File(dir, 'report.json'))
    assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } == findings
    assert report.summary.failed == (module == 'cluster-b')

    def results = new JsonSlurper().parse(new File(dir, 'report.sarif')).runs[0].results
    assert results.collect { r -> r.locations[0].physicalLocation.with {
        "${it.artifactLocation.uri}:${it.region.startLine}:${it.region.startColumn} ${r.ruleId}".toString() } } ==
            findings.collect { "$module/${it.replaceFirst(/ (error|warning|info) /, ' ')}".toString() }

    def junit = new XmlSlurper().parse(new File(dir, 'TEST-workflow-guard.xml'))
    assert junit.testsuite.testcase.collect { it.@classname.text() }.unique() == [
        'cluster-a': ['values/values.yaml', 'manifests/router-hpa.yaml'],
        'cluster-b': ['values/values.yaml', 'charts/workflow/charts/router/templates/router-deployment.yaml'],
        'cluster-c': ['values/values.yaml', 'rendered/router-hpa.yaml'],
    ][module]
    List<String> failing = findings.findAll { it.contains(' error ') }.collect {
        "${it.split(':')[0]} ${it.split(' ')[2]}".toString() }
    assert junit.@failures.text() == failing.size().toString()
    assert junit.testsuite.testcase.findAll { it.failure.size() > 0 }
            .collect { "${it.@classname.text()} ${it.@name.text()}".toString() }.sort() == failing.sort()

    String html = new File(dir, 'report.html').getText('UTF-8')
    // Each place as one <code>, which wraps only after a path separator.
    List<String> places = (html =~ /<code class="loc">(.*?)<\/code>/).collect { it[1].replaceAll(/<[^>]+>/, '') }
    findings.each { assert places.contains(it.split(' ')[0]) }
    assert html.contains(module == 'cluster-b' ? 'The build fails' : 'The build passes')
}

// ---- GitHub Actions: paths from the repository root name the module.
def command = [error: 'error', warning: 'warning', info: 'notice']
List<String> annotations = runs[1].findAll { it.startsWith('::') }
assert annotations.collect { (it =~ /^::(\w+) file=([^,]+),line=(\d+),col=(\d+),title=workflow-guard ([a-z-]+)::/)[0].drop(1) }
        .collect { "${it[1]}:${it[2]}:${it[3]} ${it[0]} ${it[4]}".toString() }.sort() ==
        expected.collectMany { module, findings -> findings.collect {
            def (at, severity, rule) = it.split(' ')
            "$module/$at ${command[severity]} $rule".toString() } }.sort()
assert !runs[0].any { it.startsWith('::') }
assert !runs[1].any { it =~ /.::(error|warning|notice) / } : 'a workflow command must start its line'
return true
