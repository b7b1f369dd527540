// A baseline configured in the POM with every report format, alone and all together (json among them used to fail
// with a NullPointerException on every checking build): each build passes on the baseline and writes exactly the reports
// its formats name, and the next build with nothing changed repeats its outcome from the record.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

String text = new File(basedir, 'build.log').getText('UTF-8')
List<List<String>> runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).drop(1)*.readLines()
assert runs.size() == 11

assert runs[0].contains('[INFO] workflow-guard: wrote 7 findings to workflow-baseline.json; with '
        + '<baseline>workflow-baseline.json</baseline> (or -Dworkflow.baseline=workflow-baseline.json), check fails only '
        + 'on new findings')
List<String> outcome = ['[INFO] workflow-guard: 7 findings accepted by the baseline workflow-baseline.json',
                        '[INFO] workflow-guard: no findings in 3 files checked (Workflow 2.19.0).']
def said = { List<String> lines -> lines.findAll { it.startsWith('[INFO] workflow-guard: ') || it ==~ /^\[(ERROR|WARNING)\] .*/ } }

Map<String, List<String>> written = [
    json : ['report.json'],
    sarif: ['report.json', 'report.sarif'],
    junit: ['report.json', 'TEST-workflow-guard.xml'],
    html : ['report.json', 'report.html'],
    all  : ['report.json', 'report.sarif', 'TEST-workflow-guard.xml', 'report.html'],
]
written.eachWithIndex { String formats, List<String> files, int i ->
    List<String> first = runs[1 + 2 * i]
    List<String> second = runs[2 + 2 * i]
    assert said(first) == outcome : formats
    assert first.contains('[INFO] BUILD SUCCESS') : formats
    assert said(second) == ["[INFO] workflow-guard: nothing changed since the last check; its outcome is repeated " +
            "(target/reports-$formats/check-record.txt; -Dworkflow.upToDateChecking=false checks again)".toString()] + outcome : formats
    assert second.contains('[INFO] BUILD SUCCESS') : formats
    assert !(first + second).any { it.contains('Exception') } : formats

    File dir = new File(basedir, "target/reports-$formats")
    assert dir.list().sort() == (files + 'check-record.txt').sort() : formats
    def report = new JsonSlurper().parse(new File(dir, 'report.json'))
    assert report.findings == [] : formats
    assert report.baselined.size() == 7 : formats
    assert report.summary.failed == false : formats
    if (files.contains('report.sarif')) {
        def results = new JsonSlurper().parse(new File(dir, 'report.sarif')).runs[0].results
        assert results.size() == 7 && results.every { it.baselineState == 'unchanged' } : formats
    }
    if (files.contains('TEST-workflow-guard.xml')) {
        def junit = new XmlSlurper().parse(new File(dir, 'TEST-workflow-guard.xml'))
        assert junit.@failures.text() == '0' : formats
    }
    if (files.contains('report.html')) {
        String html = new File(dir, 'report.html').getText('UTF-8')
        assert html.contains('The build passes') : formats
    }
}
// The default folder was never written: every build named its own.
assert !new File(basedir, 'target/workflow').exists()
return true
