// Before the build: no output of an earlier run, and the repository root here (one folder per cluster below it), as
// in an infra repo: SARIF paths start with the module folder, log lines are relative to the module.
new File(basedir, '.git').deleteDir()
['.', 'cluster-a', 'cluster-b', 'cluster-c'].each { new File(basedir, "$it/target").deleteDir() }
Process process = new ProcessBuilder('git', 'init', '-q').directory(basedir).redirectErrorStream(true).start()
String out = process.inputStream.text
assert process.waitFor() == 0 : "git init failed: $out"
return true
