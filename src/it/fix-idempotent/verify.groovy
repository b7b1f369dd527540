// `workflow:fix` twice with the same options (registrationMode=disabled, storage=swift, a CIDR list), then a dry run:
// - the first run corrects five values (not global.use_rbac: Workflow 2.11 has no such key); the file is
//   byte-for-byte expected/values.yaml;
// - the second run finds nothing to fix, says so, writes nothing, and the file is still expected/values.yaml;
// - a dry run on the corrected file writes an empty patch;
// - all three list the same remaining findings.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3
runs.each { assert it.contains('[INFO] BUILD SUCCESS') }

def edits = { List<String> lines -> lines.findAll { it ==~ /^\[INFO\] values\/values\.yaml: .* set to .* \[[a-z-]+\]$/ } }
def remaining = { List<String> lines ->
    int from = lines.findIndexOf { it ==~ /^\[INFO\] workflow-guard: \d+ findings remain.*; each needs a person:$/ }
    assert from >= 0
    lines.drop(from + 1).takeWhile { it ==~ /^\[(ERROR|WARNING|INFO)\] values\/values\.yaml:\d+:\d+: .*/ }
}

// ---- 1: the first run
assert edits(runs[0]) == [
    '[INFO] values/values.yaml: global.storage set to swift [minio-storage]',
    '[INFO] values/values.yaml: controller.registration_mode set to disabled [open-registration]',
    '[INFO] values/values.yaml: router.deployment_annotations."router.deis.io/nginx.defaultWhitelist" set to "10.0.0.0/8,172.16.0.0/12" [no-ip-whitelist]',
    '[INFO] values/values.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.protocols" set to "TLSv1.2 TLSv1.3" [tls-legacy-protocols]',
    '[INFO] values/values.yaml: router.deployment_annotations."router.deis.io/nginx.ssl.enforce" set to "true" [tls-not-enforced]',
]
assert runs[0].contains('[INFO] workflow-guard fix: changed 1 file (5 values).')
List<String> left = remaining(runs[0])
// rbac-disabled (no switch before 2.15), 7 swift settings to fill (the chart's swift.tenant defaults to empty, no
// placeholder), grafana sign-up (2.11), admin password, single router, TLS
assert left.size() == 12
assert runs[0].contains('[INFO] workflow-guard: 12 findings remain; each needs a person:')

// ---- 2: the second run
assert edits(runs[1]) == []
assert runs[1].contains('[INFO] workflow-guard fix: nothing to fix; every correction workflow-guard can make '
        + 'is already in place.')
assert !runs[1].any { it.contains('workflow-guard fix: changed') || it.startsWith('[WARNING]') && it.contains('not fixed') }
assert remaining(runs[1]) == left

// ---- 3: the dry run
assert edits(runs[2]) == []
assert runs[2].contains('[INFO] workflow-guard fix (dry run): nothing to fix; nothing was written. '
        + 'Patch: target/workflow/fix.patch (empty).')
assert !runs[2].contains('[INFO] workflow-guard fix (dry run): this patch would be applied:')
assert new File(basedir, 'target/workflow/fix.patch').length() == 0
assert remaining(runs[2]) == left

// The file after all three runs is what the first run wrote; nothing else was left next to it.
assert new File(basedir, 'values/values.yaml').bytes == new File(basedir, 'expected/values.yaml').bytes
assert new File(basedir, 'values/values.yaml').bytes != new File(basedir, 'original/values/values.yaml').bytes
assert new File(basedir, 'values').list() as List == ['values.yaml']
return true
