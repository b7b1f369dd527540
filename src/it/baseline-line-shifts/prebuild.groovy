// Before the build: no output of an earlier run, and the baseline as committed (invocation 4 rewrites it) for verify.groovy.
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
['original', 'before/target', 'shifted/target', 'new-problem/target'].each { base.resolve(it).toFile().deleteDir() }
Files.createDirectories(base.resolve('original'))
Files.copy(base.resolve('workflow-baseline.json'), base.resolve('original/workflow-baseline.json'))
return true
