// Before the build: no output or baseline of an earlier run.
new File(basedir, 'target').deleteDir()
new File(basedir, 'workflow-baseline.json').delete()
return true
