// The stock values of Workflow 2.11 and 2.19, corrected by `workflow:fix`, then checked in the same build:
// - the file is byte-for-byte the committed expected/ file, and differs from the original only in the corrected lines;
// - fix names each correction and the finding it removes, and the findings it says remain are exactly what
//   `workflow:check` then reports (fix and check agree);
// - check still fails, but only on rules that have no fix (or none on this version): every fixable finding is gone.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

/** The lines of one goal's output: from its `--- workflow:…:goal` header to the next header or the build result. */
def goal = { List<String> lines, String name ->
    int start = lines.findIndexOf { it ==~ /^\[INFO\] --- workflow:.*:${name} \(default-cli\) @ fix-stock-values ---$/ }
    assert start >= 0 : "no $name goal in the log"
    int end = lines.findIndexOf(start + 1) { it.startsWith('[INFO] --- ') || it.startsWith('[INFO] BUILD ') }
    lines.subList(start + 1, end < 0 ? lines.size() : end)
}
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): (.+) \[([a-z-]+)\]$/
def findings = { List<String> lines -> lines.findAll { findingLine.matcher(it).matches() } }
def rules = { List<String> lines -> findings(lines).collect { String line -> def m = findingLine.matcher(line); m.matches(); m.group(5) } }

/**
 * Asserts that `after` is `before` with exactly these lines replaced (old -> new, each once) and these lines inserted:
 * every other byte, line ending included, is unchanged and in place.
 */
def assertOnlyChanged = { byte[] before, byte[] after, Map<String, String> replaced, List<String> inserted ->
    List<String> a = new String(before, 'UTF-8').split('\n', -1) as List
    List<String> b = new String(after, 'UTF-8').split('\n', -1) as List
    inserted.each { line ->
        int at = b.indexOf(line)
        assert at >= 0 : "inserted line missing: $line"
        b.remove(at)
    }
    assert a.size() == b.size() : 'lines were added or removed besides the inserted ones'
    Map<String, String> seen = [:]
    a.indices.each { i ->
        if (a[i] != b[i]) {
            assert replaced[a[i]] == b[i] : "unexpected change at line ${i + 1}: '${a[i]}' -> '${b[i]}'"
            seen[a[i]] = b[i]
        }
    }
    assert seen == replaced
}

File values = new File(basedir, 'values')
File expected = new File(basedir, 'expected')
File pristine = new File(basedir, 'original/values')  // copied by prebuild.groovy

// The manual items a person must still do on the stock values; none of them has a fix.
Set<String> manual = ['storage-placeholder', 'grafana-default-admin', 'single-router', 'tls-missing'] as Set

// ---- 1: Workflow 2.11, -Dworkflow.fix.storage=s3 -Dworkflow.fix.whitelist=10.0.0.0/8
List<String> fix = goal(runs[0], 'fix')
assert fix.takeWhile { !it.contains('workflow-guard fix:') } == [
    '[INFO] values/stock-2.11.yaml: global.storage set to s3 [minio-storage]',
    '[INFO] values/stock-2.11.yaml: controller.registration_mode set to admin_only [open-registration]',
    '[INFO] values/stock-2.11.yaml: router.deployment_annotations."router.deis.io/nginx.defaultWhitelist" set to "10.0.0.0/8" [no-ip-whitelist]',
    '[INFO] values/stock-2.11.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]',
    '[INFO] values/stock-2.11.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.enforce" set to "true" [tls-not-enforced]',
]
assert fix.contains('[INFO] workflow-guard fix: changed 1 file (5 values).')
assert fix.contains('[INFO] workflow-guard: 8 findings remain; each needs a person:')
List<String> check = goal(runs[0], 'check')
assert findings(fix) == findings(check) : 'fix and check disagree on what remains'
// grafana-signup cannot be fixed before 2.14, nor rbac-disabled before 2.15 (the keys do not exist there, so the
// fixture's use_rbac: false has no effect): they stay, with that explanation.
assert rules(check) == ['rbac-disabled'] + ['storage-placeholder'] * 3 + ['grafana-signup', 'grafana-default-admin', 'single-router', 'tls-missing']
assert check.any { it.contains('global.use_rbac has no effect on Workflow 2.11.0') && it.contains('upgrade Workflow to 2.15.0 or later') }
assert check.any { it.contains('Workflow 2.11.0 has no values key that closes Grafana sign-ups') }
// storage-placeholder now names the s3 keys still to fill (global.storage is s3 after the fix).
assert findings(check).findAll { it.contains('[storage-placeholder]') }.every { it.contains('(global.storage is "s3")') }
assert check.contains('[ERROR] workflow-guard: 7 errors, 1 warning, 0 info in 1 file checked (Workflow 2.11.0).')
assert !check.any { it.contains('workflow:fix') } : 'check must not offer fixes that are already made'
assert runs[0].contains('[INFO] BUILD FAILURE')

byte[] after211 = new File(values, 'stock-2.11.yaml').bytes
assert after211 == new File(expected, 'stock-2.11.yaml').bytes
assertOnlyChanged(new File(pristine, 'stock-2.11.yaml').bytes, after211, [
    '  storage: minio': '  storage: s3',
    '  registration_mode: "enabled"': '  registration_mode: "admin_only"',
], [
    '    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"',
    '    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"',
    '    router.deis.io/nginx.ssl.enforce: "true"',
])

// ---- 2: Workflow 2.19, -Dworkflow.fix.storage=gcs -Dworkflow.fix.whitelist=10.0.0.0/8,192.168.0.0/16
fix = goal(runs[1], 'fix')
assert fix.takeWhile { !it.contains('workflow-guard fix:') } == [
    '[INFO] values/stock-2.19.yaml: global.storage set to gcs [minio-storage]',
    '[INFO] values/stock-2.19.yaml: global.use_rbac set to true [rbac-disabled]',
    '[INFO] values/stock-2.19.yaml: monitor.grafana.allow_sign_up set to "false" [grafana-signup]',
    '[INFO] values/stock-2.19.yaml: router.deployment_annotations."router.deis.io/nginx.defaultWhitelist" set to "10.0.0.0/8,192.168.0.0/16" [no-ip-whitelist]',
    '[INFO] values/stock-2.19.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]',
    '[INFO] values/stock-2.19.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.enforce" set to "true" [tls-not-enforced]',
]
assert fix.contains('[INFO] workflow-guard fix: changed 1 file (6 values).')
check = goal(runs[1], 'check')
assert findings(fix) == findings(check) : 'fix and check disagree on what remains'
assert rules(check) == ['storage-placeholder'] * 4 + ['grafana-default-admin', 'single-router', 'tls-missing']
assert rules(check).every { it in manual }
assert findings(check).findAll { it.contains('[storage-placeholder]') }.every { it.contains('gcs.') }
assert check.contains('[ERROR] workflow-guard: 7 errors, 0 warnings, 0 info in 1 file checked (Workflow 2.19.0).')
assert runs[1].contains('[INFO] BUILD FAILURE')
assert runs[1].any { it.startsWith('[ERROR] Failed to execute goal ') && it.contains(':check (default-cli) on project '
        + 'fix-stock-values: workflow-guard: 7 findings at or above error: storage-placeholder (4), grafana-default-admin (1), '
        + 'single-router (1), tls-missing (1). ') }

byte[] after219 = new File(values, 'stock-2.19.yaml').bytes
assert after219 == new File(expected, 'stock-2.19.yaml').bytes
assertOnlyChanged(new File(pristine, 'stock-2.19.yaml').bytes, after219, [
    '  storage: minio': '  storage: gcs',
    '  use_rbac: false': '  use_rbac: true',
], [
    '    allow_sign_up: "false"',
    '    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8,192.168.0.0/16"',
    '    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"',
    '    router.deis.io/nginx.ssl.enforce: "true"',
])

// report.json (of the last check) agrees: nothing left that workflow:fix could correct.
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.findings.every { it.fixable == false }
assert report.findings*.rule as Set == manual
assert report.summary == [error: 7, warning: 0, info: 0, files: 1, fixable: 0, failed: true, suppressed: 0, baselined: 0]
return true
