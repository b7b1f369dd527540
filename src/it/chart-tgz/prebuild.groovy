// Before the build: the test chart in chart-src/workflow, packaged as `helm package` does (a gzipped tar whose single
// top folder is the chart) into workflow-v2.19.4.tgz next to the POM. Built here rather than committed, so the archive
// always holds the chart files this IT shows; GNU tar, bsdtar (macOS, Windows 10+) and busybox tar all understand `czf`.
File archive = new File(basedir, 'workflow-v2.19.4.tgz')
archive.delete()
new File(basedir, 'target').deleteDir()
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).copyTo('chart-src/workflow')
Process tar = new ProcessBuilder('tar', 'czf', archive.absolutePath, 'workflow')
        .directory(new File(basedir, 'chart-src'))
        .redirectErrorStream(true)
        .start()
String output = tar.inputStream.getText('UTF-8')
assert tar.waitFor() == 0 : "tar failed: $output"
assert archive.length() > 0
return true
