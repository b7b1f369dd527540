// `workflow:rules` prints the whole catalogue (the 16 rules of rules.md with their default severities, invalid-value,
// then the 3 rules about suppressions);
// `workflow:help -Ddetail -Dgoal=check` documents the check goal's parameters and user properties.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 2

List<String> rules = runs[0]
assert rules.any { it ==~ /^\[INFO\] --- workflow:.*:rules \(default-cli\) @ rules-and-help ---$/ }
assert rules.any { it ==~ /^\[INFO\] id +severity +fixable +description$/ }
def row = ~/^\[INFO\] ([a-z-]+) +(error|warning|info) +(\S.*?) {2,}(\S.*)$/
Map<String, String> catalogue = rules.collect { row.matcher(it) }.findAll { it.matches() }
        .collectEntries { [it.group(1), it.group(2)] }
// The rule ids are public API: exactly these, in this order, with these default severities.
assert catalogue == [
    'minio-storage'        : 'error',
    'storage-placeholder'  : 'error',
    'open-registration'    : 'error',
    'grafana-signup'       : 'error',
    'grafana-default-admin': 'error',
    'single-router'        : 'error',
    'tls-missing'          : 'error',
    'tls-not-enforced'     : 'warning',
    'tls-legacy-protocols' : 'warning',
    'no-ip-whitelist'      : 'info',
    'router-host-port'     : 'warning',
    'rbac-disabled'        : 'warning',
    'duplicate-key'        : 'error',
    'committed-secret'     : 'warning',
    'stale-render'         : 'error',
    'mutable-image-tag'    : 'warning',
    'invalid-value'        : 'error',
    'invalid-suppression'  : 'error',
    'expired-suppression'  : 'warning',
    'stale-suppression'    : 'warning',
]
// No column is padded to its longest entry: every line of the table fits 100 columns, prefix included, and a
// fixability that is a condition reads "depends" and is spelled out under the description.
int header = rules.findIndexOf { it ==~ /^\[INFO\] id +severity +fixable +description$/ }
List<String> table = rules.subList(header, rules.findIndexOf(header) { !it.startsWith('[INFO] ') || it == '[INFO] ' ||
        it.startsWith('[INFO] ---') })
assert table.size() > catalogue.size()
table.each { assert it.length() <= 100 : "${it.length()} columns: $it" }
assert table.contains('[INFO] no-ip-whitelist        info      depends  No router-wide IP whitelist')
assert table.any { it ==~ /^\[INFO\] {43}fixable: with -Dworkflow\.fix\.whitelist=<cidrs>$/ }
assert rules.contains('[INFO] BUILD SUCCESS')

List<String> help = runs[1]
assert help.any { it ==~ /^\[INFO\] --- workflow:.*:help \(default-cli\) @ rules-and-help ---$/ }
int title = help.findIndexOf { it ==~ /^\[INFO\] workflow-guard Maven plugin \S+$/ }
assert title >= 0
// The plugin description, wrapped by the help goal only: every line indented by two spaces, one sentence.
List<String> description = help.subList(title + 1, help.findIndexOf(title + 1) { it.isEmpty() })
assert description.every { it ==~ /^  \S.*/ } : "description lines: $description"
assert description*.trim().join(' ') == 'Fails the build on Deis / Hephy Workflow Helm values and rendered manifests ' +
        'that are not production-ready, pointing at the file and line to change.'
assert help.contains('workflow:check')
String helpText = help.join('\n')
['valuesFiles', 'manifests', 'workflowVersion', 'failOnSeverity', 'disabledRules', 'severities', 'externalCertificate',
 'skip', 'checkSkip'].each { assert helpText =~ /(?m)^    $it\b/ : "help lacks parameter $it" }
['workflow.values', 'workflow.manifests', 'workflow.version', 'workflow.failOn', 'workflow.disabledRules',
 'workflow.externalCertificate', 'workflow.skip', 'workflow.check.skip'].each {
    assert help.contains("      User property: $it".toString()) : "help lacks user property $it"
}
// Javadoc markup the descriptor generator took for HTML left "(`helm template `)" here once.
assert help.any { it.trim() == 'The release name the chart is rendered with (helm template <releaseName>).' }
assert !help.any { it.contains('template `') || it.contains('` )') || it.contains(' `)') }
assert help.contains('[INFO] BUILD SUCCESS')
return true
