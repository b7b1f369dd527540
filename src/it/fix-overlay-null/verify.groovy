// base.yaml sets the router whitelist; prod.yaml deletes it with `deployment_annotations: null`. Writing the TLS
// annotations under that null would make it a mapping again, and Helm would merge the base's 10.0.0.0/8 back in:
// production would admit only the office network. So:
// - fix corrects what it can (registration_mode) and leaves the two TLS annotations for a person, saying why, with the
//   null's line and the base key it would bring back; the dry run says the same and its patch holds only what is written;
// - it never says "nothing to fix" or "still reported after the fix", and the null stays;
// - check, after the fix, offers nothing as fixable: no "can be corrected" in the summary, fixable false and
//   summary.fixable 0 in report.json, fixable false in SARIF.
import groovy.json.JsonSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2
runs.each { assert it.contains('[INFO] BUILD SUCCESS') }

String because = 'values/prod.yaml:8:27 sets router.deployment_annotations to null: that deletes what earlier values ' +
        'files and the chart set under it. Writing router.deployment_annotations."router.deis.io/nginx.ssl.%s" there ' +
        'would make router.deployment_annotations a mapping again and bring back ' +
        'router.deployment_annotations."router.deis.io/nginx.defaultWhitelist" (values/base.yaml:6:44). Decide by hand ' +
        'which keys router.deployment_annotations should hold'
List<String> refusals = [
    '[WARNING] values/prod.yaml:8:27: not fixed [tls-legacy-protocols]: ' + String.format(because, 'protocols'),
    '[WARNING] values/prod.yaml:8:27: not fixed [tls-not-enforced]: ' + String.format(because, 'enforce'),
]
def goal = { List<String> lines, String name ->
    int start = lines.findIndexOf { it ==~ /^\[INFO\] --- workflow:.*:${name} \(default-cli\) @ fix-overlay-null ---$/ }
    assert start >= 0 : "no $name goal in the log"
    // (the patch's own `--- a/…` lines also start with "[INFO] --- ", but do not end like a goal's header)
    int end = lines.findIndexOf(start + 1) { it ==~ /^\[INFO\] --- .* ---$/ || it.startsWith('[INFO] BUILD ') }
    lines.subList(start + 1, end < 0 ? lines.size() : end)
}
def common = { List<String> fix ->
    assert fix.contains('[INFO] values/prod.yaml: controller.registration_mode set to admin_only [open-registration]')
    assert fix.findAll { it.contains(': not fixed [') } == refusals
    assert !fix.any { it.contains('nothing to fix') || it.contains('still reported after the fix') }
}

// ---- 1: the dry run
List<String> dry = goal(runs[0], 'fix')
common(dry)
assert dry.contains('[INFO] workflow-guard fix (dry run): would change 1 file (1 value); the corrections for 2 findings ' +
        'would be refused, for the reasons given above; nothing was written. Patch: target/workflow/fix.patch')
// The remaining findings after the patch include the two TLS ones, as findings for a person.
assert dry.count { it ==~ /^\[WARNING\] values\/prod\.yaml:8:27: warning: .* \[tls-(not-enforced|legacy-protocols)\]$/ } == 2

// ---- 2: the fix, then check
List<String> fix = goal(runs[1], 'fix')
common(fix)
assert fix.contains('[INFO] workflow-guard fix: changed 1 file (1 value); the corrections for 2 findings were refused, ' +
        'for the reasons given above.')
assert new File(basedir, 'values/prod.yaml').bytes == new File(basedir, 'expected/prod.yaml').bytes
assert new File(basedir, 'values/base.yaml').bytes == new File(basedir, 'original/values/base.yaml').bytes
assert new File(basedir, 'values').list().sort() == ['base.yaml', 'prod.yaml']

List<String> check = goal(runs[1], 'check')
assert check.count { it ==~ /^\[WARNING\] values\/prod\.yaml:8:27: warning: .* \[tls-(not-enforced|legacy-protocols)\]$/ } == 2
String summary = check.find { it.startsWith('[INFO] workflow-guard: ') && it.contains(' files checked ') }
assert summary == '[INFO] workflow-guard: 4 errors, 2 warnings, 1 info in 2 files checked (Workflow 2.19.0).'
def report = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.json'))
assert report.summary.fixable == 0
assert report.findings.every { !it.fixable }
assert report.findings.findAll { it.rule.startsWith('tls-') && it.rule != 'tls-missing' }*.rule.sort() ==
        ['tls-legacy-protocols', 'tls-not-enforced']
def sarif = new JsonSlurper().parse(new File(basedir, 'target/workflow/report.sarif'))
assert sarif.runs[0].results.every { !it.properties.fixable }

// The dry run's patch (invocation 1; the real run writes none) holds exactly the edit the real run made.
List<String> patch = new File(basedir, 'target/workflow/fix.patch').getText('UTF-8').readLines()
assert patch.findAll { it =~ /^[-+](?![-+]{2} )/ } == ['-  registration_mode: enabled', '+  registration_mode: admin_only']
assert patch.count { it.startsWith('diff --git ') } == 1 && patch[0].endsWith('/values/prod.yaml')
return true
