// Before the build: no output of an earlier run, and every values file as committed in src/it (invocation 5 fixes them
// in place, and invoker does not copy a file over a newer one when it clones the IT again).
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

Path source = new File(basedir, "../../../src/it/${basedir.name}").canonicalFile.toPath()
assert Files.isDirectory(source) : "no IT sources at $source"
Path clone = basedir.toPath()
['.', 'cluster-us', 'cluster-eu', 'cluster-ap'].each { String module ->
    clone.resolve("$module/target").toFile().deleteDir()
    clone.resolve("$module/workflow-baseline.json").toFile().delete()
}
Files.walk(source).filter { Files.isRegularFile(it) && it.toString().endsWith('.yaml') }.each { Path file ->
    Files.copy(file, clone.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING)
}
return true
