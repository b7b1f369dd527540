// Before the build: no output of an earlier run; byte-exact copies of the inputs under original/; a temporary file a
// killed fix left next to base.yaml; and values/prod.yaml made immutable, so that replacing it fails as root too.
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
['original', 'target'].each { base.resolve(it).toFile().deleteDir() }
Files.walk(base.resolve('values')).filter { Files.isRegularFile(it) }.each { Path file ->
    Path copy = base.resolve('original').resolve(base.relativize(file))
    Files.createDirectories(copy.parent)
    Files.copy(file, copy)
}
base.resolve('values/.base.yaml.k1ll3d.workflow-fix.tmp').toFile().text = '# half-written by a fix killed with kill -9\n'

String prod = base.resolve('values/prod.yaml').toString()
def chattr = { String flag ->
    Process process = new ProcessBuilder('chattr', flag, prod).redirectErrorStream(true).start()
    String out = process.inputStream.text
    assert process.waitFor() == 0 : "chattr $flag $prod failed: $out"
}
// Undone in verify.groovy; and, should verify.groovy not run (the build ended other than expected), when the Maven that
// runs the integration tests exits, so that the next `mvn clean` can delete target/.
Runtime.runtime.addShutdownHook(new Thread({ new ProcessBuilder('chattr', '-i', prod).start().waitFor() }))
chattr('+i')
return true
