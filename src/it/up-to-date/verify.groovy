// Up-to-date checking, as a user sees it in four builds of one project (invoker.properties):
// 1 checks and fails; 2, with nothing changed, says so and repeats 1's finding lines, summary and failure exactly;
// 3 (-Dworkflow.upToDateChecking=false) and 4 (another failOnSeverity) check again.
String text = new File(basedir, 'build.log').getText('UTF-8')
// One chunk per Maven invocation (invoker appends them to the same build.log).
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 4

String repeated = '[INFO] workflow-guard: nothing changed since the last check; its outcome is repeated ' +
        '(target/workflow/check-record.txt; -Dworkflow.upToDateChecking=false checks again)'
def findingLine = ~/^\[(ERROR|WARNING|INFO)\] (\S+:\d+:\d+): (error|warning|info): .+ \[([a-z-]+)\]$/
/** What the check said: finding lines, its summary and the failure, without Maven's timings. */
def outcome = { List<String> lines ->
    lines.findAll { findingLine.matcher(it).matches() || it.startsWith('[ERROR] workflow-guard: ')
            || it.startsWith('[INFO] workflow-guard: ') && !it.startsWith(repeated)
            || it.startsWith('[ERROR] Failed to execute goal dev.workflowguard') }
}

List<String> first = outcome(runs[0])
assert first.count { findingLine.matcher(it).matches() } == 6 : first.join('\n')
assert first.any { it.startsWith('[ERROR] workflow-guard: 4 errors, 1 warning, 1 info in 2 files checked') }
assert first.any { it.startsWith('[ERROR] Failed to execute goal dev.workflowguard') }
assert !runs[0].contains(repeated)

assert runs[1].contains(repeated)
assert outcome(runs[1]) == first

assert !runs[2].contains(repeated)
assert outcome(runs[2]) == first

assert !runs[3].contains(repeated)
assert outcome(runs[3]).count { findingLine.matcher(it).matches() } == 6
assert runs[3].contains('[INFO] BUILD SUCCESS')

File record = new File(basedir, 'target/workflow/check-record.txt')
assert record.isFile()
assert record.readLines('UTF-8')[0] == 'workflow-guard check record 1'
return true
