// Before the build: no output of an earlier run, a byte-exact copy of the values file for verify.groovy, and the test
// chart in charts/workflow.
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
['original', 'target'].each { base.resolve(it).toFile().deleteDir() }
Files.createDirectories(base.resolve('original'))
Files.copy(base.resolve('values/values.yaml'), base.resolve('original/values.yaml'))
new GroovyShell(binding).parse(new File(fixtures, 'ChartFixture.groovy')).copyTo('charts/workflow')
return true
