// Before the build: no output of an earlier run.
new File(basedir, 'target').deleteDir()
return true
