// -Dworkflow.skip and -Dworkflow.check.skip skip the check (these values would fail it); -Dworkflow.skip skips rules.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 3

[0, 1].each { i ->
    assert runs[i].any { it ==~ /^\[INFO\] --- workflow:.*:check \(default\) @ skip ---$/ }
    assert runs[i].contains('[INFO] workflow-guard: check skipped')
    assert runs[i].contains('[INFO] BUILD SUCCESS')
    assert !runs[i].any { it.contains('values/values.yaml') || it.startsWith('[ERROR]') || it.startsWith('[WARNING]') }
}
assert runs[2].any { it ==~ /^\[INFO\] --- workflow:.*:rules \(default-cli\) @ skip ---$/ }
assert runs[2].contains('[INFO] workflow-guard: rules skipped')
assert !runs[2].any { it.contains('minio-storage') }
assert runs[2].contains('[INFO] BUILD SUCCESS')
assert !new File(basedir, 'target/workflow/report.json').exists()
return true
