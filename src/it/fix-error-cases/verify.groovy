// Wrong fix options fail the build with one clear line that names the option and the allowed values, as users see it
// (no -e): no stack trace, no plugin internals, and the values file untouched. -Dworkflow.fix.skip wins over them.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 4

String failed = '[ERROR] Failed to execute goal dev.workflowguard:workflow-maven-plugin:'
def failure = { List<String> lines ->
    assert lines.contains('[INFO] BUILD FAILURE')
    List<String> goalFailures = lines.findAll { it.startsWith(failed) }
    assert goalFailures.size() == 1
    // Nothing but Maven's own footer after the failure: no trace, no exception class names.
    assert !lines.any { it =~ /^\s+at [\w.$]+\(/ || it.contains('Exception:')
            || it =~ /dev\.workflowguard\.(?!it:)/ }
    // The fix ran no further: it named no edit and wrote nothing.
    assert !lines.any { it.contains(' set to ') || it.contains('workflow-guard fix: changed') }
    String line = goalFailures[0]
    assert line.contains(':fix (default-cli) on project fix-error-cases: ')
    line.substring(line.indexOf('on project fix-error-cases: ') + 'on project fix-error-cases: '.length())
}

// ---- 1: -Dworkflow.fix.target=values/nope.yaml
assert failure(runs[0]) == 'values/nope.yaml is not one of the configured values files (values/values.yaml) ' +
        '[parameter fixTarget / workflow.fix.target] -> [Help 1]'

// ---- 2: -Dworkflow.fix.storage=dropbox
assert failure(runs[1]) == "workflow.fix.storage: 'dropbox' is not an object storage backend; use one of " +
        "s3, gcs, azure, swift -> [Help 1]"

// ---- 3: -Dworkflow.fix.registrationMode=enabled (the very value the fix removes)
assert failure(runs[2]) == "workflow.fix.registrationMode: 'enabled' is not a registration mode to fix to; use admin_only " +
        "or disabled -> [Help 1]"

// ---- 4: -Dworkflow.fix.skip=true -Dworkflow.fix.storage=dropbox
assert runs[3].contains('[INFO] workflow-guard: fix skipped')
assert runs[3].contains('[INFO] BUILD SUCCESS')
assert !runs[3].any { it.startsWith('[ERROR]') || it.startsWith('[WARNING]') }

assert new File(basedir, 'values/values.yaml').bytes == new File(basedir, 'original/values/values.yaml').bytes
assert new File(basedir, 'values').list() as List == ['values.yaml']
assert !new File(basedir, 'target/workflow/fix.patch').exists()
return true
