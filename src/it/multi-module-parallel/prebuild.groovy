// Before the build: no output of an earlier run; the repository root here (one folder per cluster below it), as in an
// infra repo, so SARIF paths start with the module folder while log lines stay relative to the module; and the test
// Workflow chart of this plugin (src/test/resources/charts/workflow) vendored into cluster-b and cluster-c, which
// render it with Helm in-process, two modules at a time.
import java.nio.file.Files
import java.nio.file.Path

new File(basedir, '.git').deleteDir()
['.', 'cluster-a', 'cluster-b', 'cluster-c'].each { new File(basedir, "$it/target").deleteDir() }
Path chart = new File(basedir, '../../../src/test/resources/charts/workflow').canonicalFile.toPath()
assert Files.isRegularFile(chart.resolve('Chart.yaml')) : "no test chart at $chart"
['cluster-b', 'cluster-c'].each { String module ->
    Path target = basedir.toPath().resolve("$module/charts/workflow")
    target.toFile().deleteDir()
    Files.walk(chart).each { Path source ->
        Path copy = target.resolve(chart.relativize(source).toString())
        if (Files.isDirectory(source)) {
            Files.createDirectories(copy)
        } else {
            Files.copy(source, copy)
        }
    }
}
Process process = new ProcessBuilder('git', 'init', '-q').directory(basedir).redirectErrorStream(true).start()
String out = process.inputStream.text
assert process.waitFor() == 0 : "git init failed: $out"
return true
