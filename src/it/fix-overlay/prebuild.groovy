// Before the build: no output of an earlier run, byte-exact copies of the inputs under original/ for verify.groovy,
// and a second copy of the repo's values in fix-target-base/ for invocation 2.
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
['original', 'fix-target-base', 'target'].each { base.resolve(it).toFile().deleteDir() }
Files.walk(base.resolve('values')).filter { Files.isRegularFile(it) }.each { Path file ->
    [base.resolve('original').resolve(base.relativize(file)), base.resolve('fix-target-base').resolve(file.fileName)].each {
        Files.createDirectories(it.parent)
        Files.copy(file, it)
    }
}
return true
