// Committed rendered manifests: nested folders, multi-document files with `# Source:` comments, a non-YAML file.
// A HorizontalPodAutoscaler with minReplicas 2 targeting Deployment deis-router satisfies single-router; the other
// manifest findings still appear. Invocation 1 (without the autoscaling folder) shows single-router does fire there.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def logged = { List<String> lines ->
    lines.collect { findingLine.matcher(it) }.findAll { it.matches() }.collect {
        assert it.group(1) == [error: 'ERROR', warning: 'WARNING', info: 'INFO'][it.group(3)]
        [at: it.group(2), severity: it.group(3), message: it.group(4), rule: it.group(5)]
    }
}
def ids = { List<Map> found -> found.collect { "${it.at} ${it.severity} ${it.rule}".toString() } }

// Findings every run shows (one log line per place; minio-storage has two places, the Deployment and the Secret).
List<String> common = [
    'rendered/router/router.yaml:6:9 info no-ip-whitelist',            // Deployment deis-router (metadata.name)
    'rendered/router/router.yaml:6:9 warning rbac-disabled',           // no Role/ClusterRole rendered
    'rendered/router/router.yaml:6:9 warning tls-legacy-protocols',
    'rendered/router/router.yaml:6:9 warning tls-not-enforced',
    'rendered/router/router.yaml:50:9 error tls-missing',              // Service deis-router
    'rendered/workflow/workflow.yaml:6:9 error minio-storage',         // Deployment deis-minio
    'rendered/workflow/workflow.yaml:38:28 error minio-storage',       // deis.io/objectstorage: "minio"
    'rendered/workflow/workflow.yaml:111:22 error grafana-default-admin', // DEFAULT_USER_PASSWORD "admin"
    'rendered/workflow/workflow.yaml:113:22 error grafana-signup',     // ALLOW_SIGN_UP "true"
]

// 1: without the HPA: the router Deployment's replicas: 1 is a single-router error.
List<Map> control = logged(runs[0])
// (Files are read in the configured order, workflow.yaml first: rbac-disabled names its first deis-* workload.)
assert ids(control) == [
    'rendered/router/router.yaml:6:9 info no-ip-whitelist',
    'rendered/router/router.yaml:6:9 warning tls-legacy-protocols',
    'rendered/router/router.yaml:6:9 warning tls-not-enforced',
    'rendered/router/router.yaml:12:13 error single-router',           //   replicas: 1
    'rendered/router/router.yaml:50:9 error tls-missing',
    'rendered/workflow/workflow.yaml:6:9 error minio-storage',
    'rendered/workflow/workflow.yaml:38:28 error minio-storage',
    'rendered/workflow/workflow.yaml:6:9 warning rbac-disabled',
    'rendered/workflow/workflow.yaml:111:22 error grafana-default-admin',
    'rendered/workflow/workflow.yaml:113:22 error grafana-signup',
]
assert control.find { it.rule == 'single-router' }.message.startsWith('Deployment/deis-router has spec.replicas: 1 and no '
        + 'HorizontalPodAutoscaler with minReplicas >= 2 targets it')
assert runs[0].contains('[ERROR] workflow-guard: 5 errors, 3 warnings, 1 info in 2 files checked.')

// 2: with the HPA: no single-router finding, everything else unchanged.
List<String> lines = runs[1]
List<Map> found = logged(lines)
assert ids(found) == common
assert !found.any { it.rule == 'single-router' }
assert !lines.any { it.contains('[single-router]') || it.contains('single-router (') }
assert found.find { it.at == 'rendered/workflow/workflow.yaml:113:22' }.message.startsWith(
        'Deployment/deis-monitor-grafana sets ALLOW_SIGN_UP to "true": ')
assert found.find { it.rule == 'tls-missing' }.message.startsWith('Service/deis-router has no load-balancer certificate annotation')
// README.txt is not read: 3 files are router.yaml, router-hpa.yaml and workflow.yaml.
assert lines.contains('[ERROR] workflow-guard: 4 errors, 3 warnings, 1 info in 3 files checked.')
assert lines.contains('[INFO] BUILD FAILURE')
assert lines.any { it.startsWith('[ERROR] Failed to execute goal ') && it.contains('on project manifests-hpa: workflow-guard: '
        + '4 findings at or above error: tls-missing (1), minio-storage (1), grafana-default-admin (1), grafana-signup (1). ') }

def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.workflowVersion == null
// report.json has one entry per finding (minio-storage once) with all its places under locations.
assert report.findings.collect { "${it.file}:${it.line}:${it.column} ${it.severity} ${it.rule}".toString() } ==
        common - 'rendered/workflow/workflow.yaml:38:28 error minio-storage'
assert !report.findings.any { it.rule == 'single-router' }
def minio = report.findings.find { it.rule == 'minio-storage' }
assert minio.object == 'Deployment/deis-minio'
assert minio.locations.collect { "${it.file}:${it.line}:${it.column} ${it.object}".toString() } == [
    'rendered/workflow/workflow.yaml:6:9 Deployment/deis-minio',
    'rendered/workflow/workflow.yaml:38:28 Secret/objectstorage-keyfile']
assert report.findings.find { it.rule == 'tls-missing' }.object == 'Service/deis-router'
assert report.findings.find { it.rule == 'grafana-signup' }.object == 'Deployment/deis-monitor-grafana'
assert report.findings.every { it.valuesPath == null && it.fixable == false }
assert report.summary == [error: 4, warning: 3, info: 1, files: 3, fixable: 0, suppressed: 0, baselined: 0, failed: true]
return true
