// Before the build: no output of an earlier run; byte-exact copies of the inputs in original/ (to compare with after
// the dry run) and in real/ (for the real fix of invocation 2); and the project committed to a git repository of its
// own, as an infra repo is, so the patch names files from the repository root (values/base.yaml).
import java.nio.file.Files
import java.nio.file.Path

Path base = basedir.toPath()
['.git', 'original', 'real', 'target'].each { base.resolve(it).toFile().deleteDir() }
Files.walk(base.resolve('values')).filter { Files.isRegularFile(it) }.each { Path file ->
    [base.resolve('original').resolve(base.relativize(file)), base.resolve('real').resolve(file.fileName)].each {
        Files.createDirectories(it.parent)
        Files.copy(file, it)
    }
}

def git = { String... args ->
    Process process = new ProcessBuilder(['git', '-c', 'core.autocrlf=false', '-c', 'user.name=IT',
            '-c', 'user.email=it@example.invalid', '-c', 'commit.gpgsign=false', *args])
            .directory(basedir).redirectErrorStream(true).start()
    String out = process.inputStream.text
    assert process.waitFor() == 0 : "git ${args.join(' ')} failed: $out"
}
git('init', '-q')
git('add', 'values')
git('commit', '-q', '-m', 'values as committed')
return true
