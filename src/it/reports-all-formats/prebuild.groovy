// Before the build: no output of an earlier run, and the project committed to a git repository of its own, as an infra
// repo is: SARIF and GitHub annotations name files relative to the repository root, and the HTML report's fix preview
// must leave the committed files untouched.
['.git', 'target'].each { new File(basedir, it).deleteDir() }

def git = { String... args ->
    Process process = new ProcessBuilder(['git', '-c', 'core.autocrlf=false', '-c', 'user.name=IT',
            '-c', 'user.email=it@example.invalid', '-c', 'commit.gpgsign=false', *args])
            .directory(basedir).redirectErrorStream(true).start()
    String out = process.inputStream.text
    assert process.waitFor() == 0 : "git ${args.join(' ')} failed: $out"
}
git('init', '-q')
git('add', 'values', 'rendered')
git('commit', '-q', '-m', 'values and render as committed')
return true
