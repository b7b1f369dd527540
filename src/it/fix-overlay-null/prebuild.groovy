// Before the build: no output of an earlier run, and byte-exact copies of the inputs under original/ for verify.groovy.
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
['original', 'target'].each { base.resolve(it).toFile().deleteDir() }
Files.walk(base.resolve('values')).filter { Files.isRegularFile(it) }.each { Path file ->
    Path copy = base.resolve('original').resolve(base.relativize(file))
    Files.createDirectories(copy.parent)
    Files.copy(file, copy)
}
return true
