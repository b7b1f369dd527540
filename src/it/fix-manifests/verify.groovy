// The committed render of the stock 2.19 chart (9 Kubernetes objects in one multi-document file):
// - without -Dworkflow.fix.manifests the fix leaves manifests alone (invocation 1);
// - with it (invocation 2) the router Deployment gets replicas: 2 and its TLS / whitelist annotations, and Grafana's
//   ALLOW_SIGN_UP becomes "false": only those lines change, the file is byte-for-byte expected/workflow.yaml;
// - check then no longer reports single-router (nor the other corrected rules); it fails only on manual items.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2
def goal = { List<String> lines, String name ->
    int start = lines.findIndexOf { it ==~ /^\[INFO\] --- workflow:.*:${name} \(default-cli\) @ fix-manifests ---$/ }
    assert start >= 0 : "no $name goal in the log"
    int end = lines.findIndexOf(start + 1) { it.startsWith('[INFO] --- ') || it.startsWith('[INFO] BUILD ') }
    lines.subList(start + 1, end < 0 ? lines.size() : end)
}
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def found = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect { "${it.group(2)} ${it.group(5)}".toString() }
}

// ---- 1: no -Dworkflow.fix.manifests: nothing is written, all nine findings remain.
List<String> fix = goal(runs[0], 'fix')
assert fix.contains('[INFO] workflow-guard fix: nothing to fix: no values file is configured (valuesFiles / workflow.values) '
        + 'to write a correction to.')
assert !fix.any { it.startsWith('[INFO] rendered/workflow.yaml: ') && it.contains(' set to ') }
assert fix.contains('[INFO] workflow-guard: 9 findings remain; each needs a person:')
assert found(fix).size() == 10   // one line per place: minio-storage has two (the Deployment and the Secret)
assert found(fix).contains('rendered/workflow.yaml:92:13 single-router')      // replicas: 1
assert found(fix).contains('rendered/workflow.yaml:184:22 grafana-signup')    // ALLOW_SIGN_UP "true"
assert runs[0].contains('[INFO] BUILD SUCCESS')

// ---- 2: -Dworkflow.fix.manifests=true -Dworkflow.fix.whitelist=10.0.0.0/8
fix = goal(runs[1], 'fix')
assert fix.takeWhile { !it.contains('workflow-guard fix:') }.findAll { it.startsWith('[INFO] rendered/') } == [
    '[INFO] rendered/workflow.yaml: Deployment/deis-router metadata.annotations."router.deis.io/nginx.defaultWhitelist" set to "10.0.0.0/8" [no-ip-whitelist]',
    '[INFO] rendered/workflow.yaml: Deployment/deis-router metadata.annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]',
    '[INFO] rendered/workflow.yaml: Deployment/deis-router metadata.annotations."router.deis.io/nginx.ssl.enforce" set to "true" [tls-not-enforced]',
    '[INFO] rendered/workflow.yaml: Deployment/deis-router spec.replicas set to 2 [single-router]',
    '[INFO] rendered/workflow.yaml: Deployment/deis-monitor-grafana spec.template.spec.containers[0].env[4].value set to "false" [grafana-signup]',
]
assert fix.contains('[INFO] workflow-guard fix: changed 1 file (5 values).')
assert fix.contains('[INFO] workflow-guard: 4 findings remain; each needs a person:')
List<String> check = goal(runs[1], 'check')
List<String> manual = [
    'rendered/workflow.yaml:6:9 minio-storage',            // Deployment deis-minio
    'rendered/workflow.yaml:38:28 minio-storage',          // Secret objectstorage-keyfile
    'rendered/workflow.yaml:6:9 rbac-disabled',            // no Role/ClusterRole rendered
    'rendered/workflow.yaml:133:9 tls-missing',            // Service deis-router (3 lines lower now)
    'rendered/workflow.yaml:185:22 grafana-default-admin', // DEFAULT_USER_PASSWORD "admin"
]
assert found(fix) == manual
assert found(check) == manual
assert !check.any { it.contains('[single-router]') || it.contains('[grafana-signup]') || it.contains('[tls-not-enforced]')
        || it.contains('[tls-legacy-protocols]') || it.contains('[no-ip-whitelist]') }
assert check.contains('[ERROR] workflow-guard: 3 errors, 1 warning, 0 info in 1 file checked.')
assert runs[1].contains('[INFO] BUILD FAILURE')
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert !report.findings.any { it.rule == 'single-router' }
assert report.summary == [error: 3, warning: 1, info: 0, files: 1, fixable: 0, failed: true, suppressed: 0, baselined: 0]

// ---- The file: exactly these lines changed, everything else (comments, quotes, `# Source:` lines) byte for byte.
byte[] before = new File(basedir, 'original/rendered/workflow.yaml').bytes  // copied by prebuild.groovy
byte[] after = new File(basedir, 'rendered/workflow.yaml').bytes
assert after == new File(basedir, 'expected/workflow.yaml').bytes
List<String> a = new String(before, 'UTF-8').split('\n', -1) as List
List<String> b = new String(after, 'UTF-8').split('\n', -1) as List
assert b.subList(88, 94) == [
    '  annotations:',
    '    component.deis.io/version: v2.19.0',
    '    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"',  // added under the router Deployment's annotations
    '    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"',
    '    router.deis.io/nginx.ssl.enforce: "true"',
    'spec:',
]
assert a[85] == '  name: deis-router' && b[85] == '  name: deis-router'
3.times { b.remove(90) }
assert a.size() == b.size()
assert a.indices.findAll { a[it] != b[it] }.collect { "${it + 1}: ${a[it].trim()} -> ${b[it].trim()}".toString() } == [
    '92: replicas: 1 -> replicas: 2',              // deis-router; the other Deployments keep replicas: 1
    '184: value: "true" -> value: "false"',       // deis-monitor-grafana ALLOW_SIGN_UP
]
assert a[182] == '            - name: "ALLOW_SIGN_UP"'
return true
