// base.yaml (the stock 2.19 values) + prod.yaml (the production overlay), fixed twice on two copies of the repo; no
// Workflow version is configured, as the router chart is a fork (no stock release has router.replicas):
// - a value the overlay sets is corrected in the overlay (registration_mode, the fork's router.replicas, host_port),
//   and one only the base sets is corrected in the base (use_rbac);
// - a key set nowhere (monitor.grafana.allow_sign_up) goes to the fix target: the last values file by default
//   (invocation 1), base.yaml with -Dworkflow.fix.target=... (invocation 2);
// - except when a later file leaves the key's parent empty: prod.yaml's `deployment_annotations:` with only a comment
//   replaces base.yaml's mapping in Helm's merge, so the router annotations go to prod.yaml in both invocations;
// - each file is byte-for-byte the committed expected/ file, and check passes after each fix.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

def goal = { List<String> lines, String name ->
    int start = lines.findIndexOf { it ==~ /^\[INFO\] --- workflow:.*:${name} \(default-cli\) @ fix-overlay ---$/ }
    assert start >= 0 : "no $name goal in the log"
    int end = lines.findIndexOf(start + 1) { it.startsWith('[INFO] --- ') || it.startsWith('[INFO] BUILD ') }
    lines.subList(start + 1, end < 0 ? lines.size() : end)
}
def edits = { List<String> fix -> fix.takeWhile { !it.contains('workflow-guard fix:') }.findAll { it.startsWith('[INFO] ') } }

/** Asserts that `after` is `before` with exactly these lines replaced (old -> new) and these lines inserted. */
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
byte[] originalBase = new File(basedir, 'original/values/base.yaml').bytes  // copied by prebuild.groovy
byte[] originalProd = new File(basedir, 'original/values/prod.yaml').bytes
Map<String, String> overlayValues = [
    '  registration_mode: enabled': '  registration_mode: admin_only',
    '  replicas: 1   # our fork of the router chart reads this': '  replicas: 2   # our fork of the router chart reads this',
    '    enabled: true   # minikube leftover': '    enabled: false   # minikube leftover',
]
Map<String, String> baseValues = ['  use_rbac: false': '  use_rbac: true']

// ---- 1: default fix target (values/prod.yaml), -Dworkflow.fix.whitelist=10.0.0.0/8
List<String> fix = goal(runs[0], 'fix')
assert edits(fix) == [
    '[INFO] values/base.yaml: global.use_rbac set to true [rbac-disabled]',
    '[INFO] values/prod.yaml: controller.registration_mode set to admin_only [open-registration]',
    '[INFO] values/prod.yaml: monitor.grafana.allow_sign_up set to "false" [grafana-signup]',
    '[INFO] values/prod.yaml: router.replicas set to 2 [single-router]',
    '[INFO] values/prod.yaml: router.deployment_annotations."router.deis.io/nginx.defaultWhitelist" set to "10.0.0.0/8" [no-ip-whitelist]',
    '[INFO] values/prod.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]',
    '[INFO] values/prod.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.enforce" set to "true" [tls-not-enforced]',
    '[INFO] values/prod.yaml: router.host_port.enabled set to false [router-host-port]',
]
assert fix.contains('[INFO] workflow-guard fix: changed 2 files (8 values).')
assert fix.contains('[INFO] workflow-guard: nothing remains; `mvn workflow:check` passes.')
assert goal(runs[0], 'check').contains('[INFO] workflow-guard: no findings in 2 files checked.')
assert runs[0].contains('[INFO] BUILD SUCCESS')

assert new File(basedir, 'values/base.yaml').bytes == new File(basedir, 'expected/default-target/base.yaml').bytes
assert new File(basedir, 'values/prod.yaml').bytes == new File(basedir, 'expected/default-target/prod.yaml').bytes
assertOnlyChanged(originalBase, new File(basedir, 'values/base.yaml').bytes, baseValues, [])
assertOnlyChanged(originalProd, new File(basedir, 'values/prod.yaml').bytes, overlayValues, [
    '    allow_sign_up: "false"',                                // under the overlay's monitor.grafana
    '    router.deis.io/nginx.defaultWhitelist: "10.0.0.0/8"',   // into the empty deployment_annotations:
    '    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"',
    '    router.deis.io/nginx.ssl.enforce: "true"',
])

// ---- 2: -Dworkflow.fix.target=fix-target-base/base.yaml (no whitelist given)
fix = goal(runs[1], 'fix')
assert edits(fix) == [
    '[INFO] fix-target-base/base.yaml: global.use_rbac set to true [rbac-disabled]',
    '[INFO] fix-target-base/base.yaml: monitor.grafana.allow_sign_up set to "false" [grafana-signup]',
    '[INFO] fix-target-base/prod.yaml: controller.registration_mode set to admin_only [open-registration]',
    '[INFO] fix-target-base/prod.yaml: router.replicas set to 2 [single-router]',
    '[INFO] fix-target-base/prod.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]',
    '[INFO] fix-target-base/prod.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.enforce" set to "true" [tls-not-enforced]',
    '[INFO] fix-target-base/prod.yaml: router.host_port.enabled set to false [router-host-port]',
]
assert fix.contains('[INFO] workflow-guard fix: changed 2 files (7 values).')
// Only the whitelist is left: it needs a person's CIDRs, and the message says how to let fix write it.
assert fix.contains('[INFO] workflow-guard: 1 finding remains; each needs a person:')
def whitelist = ~/^\[INFO\] fix-target-base\/prod\.yaml:21:3: info: router\.deployment_annotations sets no router\.deis\.io\/nginx\.defaultWhitelist .*-Dworkflow\.fix\.whitelist=.* \[no-ip-whitelist\]$/
assert fix.count { it ==~ whitelist } == 1
List<String> check = goal(runs[1], 'check')
assert check.count { it ==~ whitelist } == 1
assert check.contains('[INFO] workflow-guard: 0 errors, 0 warnings, 1 info in 2 files checked.')
assert runs[1].contains('[INFO] BUILD SUCCESS')

assert new File(basedir, 'fix-target-base/base.yaml').bytes == new File(basedir, 'expected/fix-target-base/base.yaml').bytes
assert new File(basedir, 'fix-target-base/prod.yaml').bytes == new File(basedir, 'expected/fix-target-base/prod.yaml').bytes
assertOnlyChanged(originalBase, new File(basedir, 'fix-target-base/base.yaml').bytes, baseValues, [
    '    allow_sign_up: "false"',                                // the fix target, under the base's monitor.grafana
])
assertOnlyChanged(originalProd, new File(basedir, 'fix-target-base/prod.yaml').bytes, overlayValues, [
    '    router.deis.io/nginx.ssl.protocols: "TLSv1.2 TLSv1.3"', // not the target: prod.yaml empties the mapping
    '    router.deis.io/nginx.ssl.enforce: "true"',
])
return true
